import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { moveSecurityBlock } from '@/lib/portal/security-blocks';

/** Moves a block one place up or down: {"direction": "up" | "down"}. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form, data } = await readBody(request);
  return respond(form, '/admin/security', async () => {
    const blocks = await moveSecurityBlock(await getDatabase(), systemClock, actor, id, data);
    return { redirect: `/admin/security?moved=1#block-${blocks.find((b) => b.id === id)?.slug ?? ''}`, json: { blocks }, refresh: ['security'] };
  });
});
