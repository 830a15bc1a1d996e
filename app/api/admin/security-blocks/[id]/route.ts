import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { deleteSecurityBlock, updateSecurityBlock } from '@/lib/portal/security-blocks';

type Params = { id: string };

/** Changes a block's title or text: forms post, programs PATCH or POST. */
const update = handler(
  { access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/security' } },
  async (ctx, { params, data }: { params: Params; data: unknown }) => {
    const block = await updateSecurityBlock(ctx, params.id, data);
    refreshPublic('security');
    return { json: { block }, redirect: `/admin/security?saved=1#block-${block.slug}` };
  },
);

export const POST = update;
export const PATCH = update;

export const DELETE = handler({ access: 'trust-admin' }, async (ctx, { params }: { params: Params }) => {
  await deleteSecurityBlock(ctx, params.id);
  refreshPublic('security');
  return { json: { ok: true } };
});
