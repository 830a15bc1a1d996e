import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { contentFromForm } from '@/lib/dpa/content';
import { readDpaDraft, saveDpaDraft } from '@/lib/dpa/versions';
import { readBody, route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';

/** The DPA draft, with whether it can be published and what differs from the version in force. */
export const GET = route(async (request) => {
  const draft = await readDpaDraft(await getDatabase(), await requireApiTrustAdmin(request));
  return NextResponse.json({ draft });
});

/** Saves the draft: the whole content (JSON), or the staff page's form. Nothing public changes. */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readBody(request);
  return respond(form, '/admin/dpa', async () => {
    const draft = await saveDpaDraft(await getDatabase(), systemClock, actor, form ? contentFromForm(data as Record<string, unknown>) : data);
    return { redirect: '/admin/dpa?saved=1', json: { draft }, refresh: [] };
  });
});
