import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';
import { revokeGrant } from '@/lib/lockbox/decisions';

/** The tenant's customer admins only: `{"comment"}`. Answers the request in its new state. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const { id } = await params;
  return jsonOrForm(request, '/console/lockbox', async (data) => revokeGrant(await getDatabase(), systemClock, actor, id, data), {
    json: (r) => ({ request: r, ...r }),
    done: 'revoked',
    after: sendQueuedMail,
  });
});
