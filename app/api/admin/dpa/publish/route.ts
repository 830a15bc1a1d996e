import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { publishDpaDraft } from '@/lib/dpa/versions';
import { readBody, route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';

/** Publishes the draft as the next DPA version `{"changeNote"}`: the template and what customers execute from now on. */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readBody(request);
  return respond(form, '/admin/dpa', async () => {
    const version = await publishDpaDraft(await getDatabase(), systemClock, actor, data);
    return { redirect: `/admin/dpa?published=${version.version}`, json: { version }, status: 201, refresh: ['documents'] };
  });
});
