import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { createSecurityBlock, listSecurityBlocksForAdmin } from '@/lib/portal/security-blocks';

export const GET = route(async (request) => {
  const blocks = await listSecurityBlocksForAdmin(await getDatabase(), await requireApiTrustAdmin(request));
  return NextResponse.json({ blocks });
});

/** Adds a block at the end of the security overview. */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readBody(request);
  return respond(form, '/admin/security', async () => {
    const block = await createSecurityBlock(await getDatabase(), systemClock, actor, data);
    return { redirect: `/admin/security?created=1#block-${block.slug}`, json: { block }, status: 201, refresh: ['security'] };
  });
});
