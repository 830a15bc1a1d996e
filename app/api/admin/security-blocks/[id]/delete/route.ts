import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { deleteSecurityBlock } from '@/lib/portal/security-blocks';

/** The HTML form's way to delete a block (forms cannot send DELETE). */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  return respond(true, '/admin/security', async () => {
    await deleteSecurityBlock(await getDatabase(), actor, id);
    return { redirect: '/admin/security?deleted=1', json: null, refresh: ['security'] };
  });
});
