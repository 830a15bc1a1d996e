import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { type DeliveryState, forwardingDeliveries, forwardingEndpoints, governanceEvents } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { withActor } from '@/lib/db/with-actor';
import { inChain } from './endpoints';
import { managedChain } from './scope';
import type { DbActor } from '@/lib/db/ctx';

export interface DeliveryView {
  id: string;
  endpointId: string;
  endpointUrl: string;
  eventId: string;
  /** Null only inside the appending transaction, before the event is sealed at commit. */
  eventSeq: number | null;
  eventKind: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A page of the chain's deliveries, newest first, for the chain's managers. */
export async function listDeliveries(
  { db, actor }: DbActor<Actor>,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ total: number; deliveries: DeliveryView[] }> {
  const { manager, tenantId } = managedChain(actor);
  const where = inChain(forwardingDeliveries.tenantId, tenantId);
  return withActor(
    db,
    manager,
    async (tx) => ({
      total: await tx.$count(forwardingDeliveries, where),
      deliveries: await tx
        .select({
          id: forwardingDeliveries.id,
          endpointId: forwardingDeliveries.endpointId,
          endpointUrl: forwardingEndpoints.url,
          eventId: forwardingDeliveries.eventId,
          eventSeq: governanceEvents.seq,
          eventKind: governanceEvents.kind,
          state: forwardingDeliveries.state,
          attempts: forwardingDeliveries.attempts,
          nextAttemptAt: forwardingDeliveries.nextAttemptAt,
          lastAttemptAt: forwardingDeliveries.lastAttemptAt,
          lastStatus: forwardingDeliveries.lastStatus,
          lastError: forwardingDeliveries.lastError,
          deliveredAt: forwardingDeliveries.deliveredAt,
          createdAt: forwardingDeliveries.createdAt,
        })
        .from(forwardingDeliveries)
        .innerJoin(forwardingEndpoints, eq(forwardingEndpoints.id, forwardingDeliveries.endpointId))
        .innerJoin(governanceEvents, eq(governanceEvents.id, forwardingDeliveries.eventId))
        .where(where)
        .orderBy(desc(forwardingDeliveries.createdAt), desc(governanceEvents.seq), desc(forwardingDeliveries.id))
        .limit(Math.min(Math.max(limit, 1), 200))
        .offset(Math.max(offset, 0)),
    }),
    { readOnly: true },
  );
}
