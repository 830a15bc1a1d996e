import 'server-only';
import { and, asc, count, eq, inArray, isNull, max, type SQL } from 'drizzle-orm';
import { type DeliveryState, forwardingDeliveries, forwardingEndpoints, users } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import type { Tx } from '@/lib/db/types';
import { withActor } from '@/lib/db/with-actor';
import { managedChain } from './scope';
import type { DbActor } from '@/lib/db/ctx';

/** An endpoint as its managers see it: never its signing secret. */
export interface EndpointView {
  id: string;
  url: string;
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
  createdByName: string | null;
  deliveries: Record<DeliveryState, number>;
  lastDeliveredAt: Date | null;
}

/** The rows of one chain: a tenant's, or the vendor's (null). */
export function inChain(column: typeof forwardingEndpoints.tenantId | typeof forwardingDeliveries.tenantId, tenantId: string | null): SQL {
  return tenantId === null ? isNull(column) : eq(column, tenantId);
}

/** Every column an application transaction may read (the secret is not one of them). */
export const ENDPOINT_COLUMNS = {
  id: forwardingEndpoints.id,
  url: forwardingEndpoints.url,
  description: forwardingEndpoints.description,
  enabled: forwardingEndpoints.enabled,
  disabledReason: forwardingEndpoints.disabledReason,
  createdAt: forwardingEndpoints.createdAt,
  createdByName: users.name,
};

/** The endpoints of one chain with their deliveries counted, oldest first; runs inside the actor's transaction. */
export async function endpointsOfChain(tx: Tx, tenantId: string | null, only?: string): Promise<EndpointView[]> {
  const rows = await tx
    .select(ENDPOINT_COLUMNS)
    .from(forwardingEndpoints)
    .leftJoin(users, eq(users.id, forwardingEndpoints.createdBy))
    .where(and(inChain(forwardingEndpoints.tenantId, tenantId), only ? eq(forwardingEndpoints.id, only) : undefined))
    .orderBy(asc(forwardingEndpoints.createdAt), asc(forwardingEndpoints.id));
  if (rows.length === 0) return [];
  const counts = await tx
    .select({
      endpointId: forwardingDeliveries.endpointId,
      state: forwardingDeliveries.state,
      n: count(),
      lastDeliveredAt: max(forwardingDeliveries.deliveredAt),
    })
    .from(forwardingDeliveries)
    .where(
      and(
        inChain(forwardingDeliveries.tenantId, tenantId),
        inArray(
          forwardingDeliveries.endpointId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .groupBy(forwardingDeliveries.endpointId, forwardingDeliveries.state);
  return rows.map((row) => {
    const mine = counts.filter((c) => c.endpointId === row.id);
    const of = (state: DeliveryState) => mine.find((c) => c.state === state)?.n ?? 0;
    return {
      ...row,
      deliveries: { pending: of('pending'), delivered: of('delivered'), failed: of('failed') },
      lastDeliveredAt: mine.find((c) => c.state === 'delivered')?.lastDeliveredAt ?? null,
    };
  });
}

/** The endpoints of the chain the actor manages (customer admins: their tenant's; trust admins: the vendor's). */
export async function listEndpoints({ db, actor }: DbActor<Actor>): Promise<EndpointView[]> {
  const { manager, tenantId } = managedChain(actor);
  return withActor(db, manager, (tx) => endpointsOfChain(tx, tenantId), { readOnly: true });
}
