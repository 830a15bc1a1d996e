import { handler } from '@/lib/api/handler';
import { setArchived } from '@/lib/documents/edit';
import { refreshPublic } from '@/lib/portal/cache';

/** Takes a document off the portal; its versions are kept and it can be restored. */
export const POST = handler(
  {
    access: 'trust-admin',
    body: 'json-or-form',
    form: { back: ({ params }: { params: { id: string } }) => `/admin/documents/${encodeURIComponent(params.id)}` },
  },
  async (ctx, { params, back }) => {
    const document = await setArchived(ctx, params.id, true);
    refreshPublic('documents');
    return { json: { document }, redirect: `${back}?archived=1` };
  },
);
