import { NextResponse, type NextRequest } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';
import { respond } from '@/lib/portal/admin-response';
import { deleteUpdate, updateUpdate } from '@/lib/portal/updates';

type Params = { params: Promise<{ id: string }> };

/** Edits a news item: forms post, programs PATCH or POST. */
async function update(request: NextRequest, { params }: Params) {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form, data } = await readBody(request);
  return respond(form, '/admin/updates', async () => {
    const item = await updateUpdate(await getDatabase(), systemClock, actor, id, data);
    return { redirect: `/admin/updates?saved=1#update-${item.id}`, json: { update: item }, refresh: ['updates'] };
  });
}

export const POST = route(update);
export const PATCH = route(update);

export const DELETE = route(async (request, { params }: Params) => {
  const actor = await requireApiTrustAdmin(request);
  await deleteUpdate(await getDatabase(), actor, (await params).id);
  refreshPublic('updates');
  return NextResponse.json({ ok: true });
});
