import { NextResponse } from 'next/server';
import { addDomainRule, listDomainRules } from '@/lib/access/domain-rules';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';

const PAGE = '/admin/access-requests/rules';

export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  return NextResponse.json({ rules: await listDomainRules(await getDatabase(), actor) });
});

/** Adds a rule for an e-mail domain: {"domain","decision":"approve|review|deny","mutualNda","note"}. */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readBody(request);
  try {
    const rule = await addDomainRule(await getDatabase(), systemClock, actor, data);
    return form ? redirectTo(`${PAGE}?saved=1`) : NextResponse.json({ rule }, { status: 201 });
  } catch (error) {
    if (form) return redirectWithError(PAGE, error);
    throw error;
  }
});
