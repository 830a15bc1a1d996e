import { handler } from '@/lib/api/handler';
import { contentFromForm } from '@/lib/dpa/content';
import { readDpaDraft, saveDpaDraft } from '@/lib/dpa/versions';

/** The DPA draft, with whether it can be published and what differs from the version in force. */
export const GET = handler({ access: 'trust-admin' }, async (ctx) => ({ json: { draft: await readDpaDraft(ctx) } }));

/** Saves the draft: the whole content (JSON), or the staff page's form. Nothing public changes. */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/dpa' } }, async (ctx, { data, form }) => ({
  json: { draft: await saveDpaDraft(ctx, form ? contentFromForm(data as Record<string, unknown>) : data) },
  redirect: '/admin/dpa?saved=1',
}));
