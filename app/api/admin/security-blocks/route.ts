import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { createSecurityBlock, listSecurityBlocksForAdmin } from '@/lib/portal/security-blocks';

export const GET = handler({ access: 'trust-admin' }, async (ctx) => ({ json: { blocks: await listSecurityBlocksForAdmin(ctx) } }));

/** Adds a block at the end of the security overview. */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/security' } }, async (ctx, { data }) => {
  const block = await createSecurityBlock(ctx, data);
  refreshPublic('security');
  return { json: { block }, status: 201, redirect: `/admin/security?created=1#block-${block.slug}` };
});
