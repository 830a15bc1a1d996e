import { handler } from '@/lib/api/handler';
import { publishDpaDraft } from '@/lib/dpa/versions';
import { refreshPublic } from '@/lib/portal/cache';

/** Publishes the draft as the next DPA version `{"changeNote"}`: the template and what customers execute from now on. */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/dpa' } }, async (ctx, { data }) => {
  const version = await publishDpaDraft(ctx, data);
  refreshPublic('documents');
  return { json: { version }, status: 201, redirect: `/admin/dpa?published=${version.version}` };
});
