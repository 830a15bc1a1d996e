import { requireApiActor } from '@/lib/auth/request';
import { endBreakGlass } from '@/lib/break-glass/sessions';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';

/** The holder who opened a session ends it before its limit. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const { id } = await params;
  return jsonOrForm(request, '/admin/break-glass', async () => endBreakGlass(await getDatabase(), systemClock, actor, id), {
    json: (session) => ({ session }),
    done: 'ended',
  });
});
