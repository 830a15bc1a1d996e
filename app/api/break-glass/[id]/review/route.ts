import { requireApiActor } from '@/lib/auth/request';
import { reviewBreakGlass } from '@/lib/break-glass/sessions';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';

/** A holder other than the invoker records the post-incident review: `{"review"}`. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const { id } = await params;
  return jsonOrForm(request, '/admin/break-glass', async (data) => reviewBreakGlass(await getDatabase(), systemClock, actor, id, data), {
    json: (session) => ({ session }),
    done: 'reviewed',
  });
});
