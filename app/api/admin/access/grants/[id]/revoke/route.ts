import { NextResponse } from 'next/server';
import { revokeGrant } from '@/lib/access/grants';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';

/** Ends a grant at once: its link and downloads stop working. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form } = await readBody(request);
  try {
    const grant = await revokeGrant(await getDatabase(), systemClock, actor, id);
    return form ? redirectTo('/admin/access-requests/grants?revoked=1') : NextResponse.json({ grant });
  } catch (error) {
    if (form) return redirectWithError('/admin/access-requests/grants', error);
    throw error;
  }
});
