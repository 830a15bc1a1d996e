import 'server-only';
import { and, eq } from 'drizzle-orm';
import { forwardingEndpoints } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { isUuid } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { inChain } from './endpoints';
import { FORWARDING_EVENTS } from './events';
import { managedChain } from './scope';
import type { DbActor } from '@/lib/db/ctx';

const notFound = () => new AppError('not_found', 'There is no such forwarding endpoint.', 404);

/**
 * Removes an endpoint of the chain the actor manages, with its secret and its queued and past
 * deliveries; `governance.forwarding_removed` lands in that chain in the same transaction.
 */
export async function removeEndpoint({ db, actor }: DbActor<Actor>, id: string): Promise<{ id: string }> {
  const { manager, tenantId } = managedChain(actor);
  if (!isUuid(id)) throw notFound();
  try {
    return await withActor(db, manager, async (tx) => {
      const [removed] = await tx
        .delete(forwardingEndpoints)
        .where(and(eq(forwardingEndpoints.id, id), inChain(forwardingEndpoints.tenantId, tenantId)))
        .returning({ id: forwardingEndpoints.id, url: forwardingEndpoints.url });
      if (!removed) throw notFound();
      await emitEvent(tx, {
        tenantId,
        kind: FORWARDING_EVENTS.removed,
        subject: removed.id,
        payload: { endpoint: removed.id, host: new URL(removed.url).host },
      });
      return { id: removed.id };
    });
  } catch (error) {
    if (pgErrorCode(error) === '42501') throw new AppError('forbidden', 'Your account may no longer manage forwarding.', 403);
    throw error;
  }
}
