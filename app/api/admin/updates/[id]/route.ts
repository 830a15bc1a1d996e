import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { deleteUpdate, updateUpdate } from '@/lib/portal/updates';

type Params = { id: string };

/** Edits a news item: forms post, programs PATCH or POST. */
const update = handler(
  { access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/updates' } },
  async (ctx, { params, data }: { params: Params; data: unknown }) => {
    const item = await updateUpdate(ctx, params.id, data);
    refreshPublic('updates');
    return { json: { update: item }, redirect: `/admin/updates?saved=1#update-${item.id}` };
  },
);

export const POST = update;
export const PATCH = update;

export const DELETE = handler({ access: 'trust-admin' }, async (ctx, { params }: { params: Params }) => {
  await deleteUpdate(ctx, params.id);
  refreshPublic('updates');
  return { json: { ok: true } };
});
