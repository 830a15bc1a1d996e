import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { deleteUpdate } from '@/lib/portal/updates';

/** The HTML form's way to delete a news item (forms cannot send DELETE). */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  return respond(true, '/admin/updates', async () => {
    await deleteUpdate(await getDatabase(), actor, id);
    return { redirect: '/admin/updates?deleted=1', json: null, refresh: ['updates'] };
  });
});
