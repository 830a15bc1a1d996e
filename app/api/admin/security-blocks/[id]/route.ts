import { NextResponse, type NextRequest } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';
import { respond } from '@/lib/portal/admin-response';
import { deleteSecurityBlock, updateSecurityBlock } from '@/lib/portal/security-blocks';

type Params = { params: Promise<{ id: string }> };

/** Changes a block's title or text: forms post, programs PATCH or POST. */
async function update(request: NextRequest, { params }: Params) {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form, data } = await readBody(request);
  return respond(form, '/admin/security', async () => {
    const block = await updateSecurityBlock(await getDatabase(), systemClock, actor, id, data);
    return { redirect: `/admin/security?saved=1#block-${block.slug}`, json: { block }, refresh: ['security'] };
  });
}

export const POST = route(update);
export const PATCH = route(update);

export const DELETE = route(async (request, { params }: Params) => {
  const actor = await requireApiTrustAdmin(request);
  await deleteSecurityBlock(await getDatabase(), actor, (await params).id);
  refreshPublic('security');
  return NextResponse.json({ ok: true });
});
