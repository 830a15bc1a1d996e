import { handler } from '@/lib/api/handler';
import { setArchived } from '@/lib/documents/edit';
import { refreshPublic } from '@/lib/portal/cache';

/** Puts an archived document back on the portal. */
export const POST = handler(
  {
    access: 'trust-admin',
    body: 'json-or-form',
    form: { back: ({ params }: { params: { id: string } }) => `/admin/documents/${encodeURIComponent(params.id)}` },
  },
  async (ctx, { params, back }) => {
    const document = await setArchived(ctx, params.id, false);
    refreshPublic('documents');
    return { json: { document }, redirect: `${back}?restored=1` };
  },
);
