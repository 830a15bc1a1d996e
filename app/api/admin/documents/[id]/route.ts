import { handler } from '@/lib/api/handler';
import { updateDocument } from '@/lib/documents/edit';
import { getAdminDocument } from '@/lib/documents/list';
import { documentUpdate } from '@/lib/documents/schemas';
import { refreshPublic } from '@/lib/portal/cache';

type Params = { id: string };

export const GET = handler({ access: 'trust-admin' }, async (ctx, { params }: { params: Params }) => ({
  json: await getAdminDocument(ctx, params.id),
}));

/** Replaces a document's title, category, description, visibility and valid-until date (all required). */
const update = handler(
  { access: 'trust-admin', input: documentUpdate, form: { back: ({ params }: { params: Params }) => `/admin/documents/${encodeURIComponent(params.id)}` } },
  async (ctx, { params, input, back }) => {
    const document = await updateDocument(ctx, params.id, input);
    refreshPublic('documents');
    return { json: { document }, redirect: `${back}?saved=1` };
  },
);

export const POST = update;
export const PATCH = update;
