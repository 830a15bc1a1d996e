import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';
import { markAllRead } from '@/lib/notifications/inbox';

/** Marks all of the caller's notifications read. */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  return jsonOrForm(request, actor.kind === 'customer' ? '/console' : '/admin', async () => markAllRead(await getDatabase(), systemClock, actor), {
    json: (marked) => ({ marked }),
    done: 'read',
  });
});
