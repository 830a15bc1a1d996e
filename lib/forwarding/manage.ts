import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import { forwardingEndpoints } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { isUuid } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import type { EventKind } from '@/lib/governance/kinds';
import { AppError } from '@/lib/core/errors';
import { type EndpointView, endpointsOfChain, inChain } from './endpoints';
import { FORWARDING_EVENTS } from './events';
import { managedChain } from './scope';
import { newSigningSecret } from './secret';
import type { DbActor } from '@/lib/db/ctx';

const notFound = () => new AppError('not_found', 'There is no such forwarding endpoint.', 404);

/**
 * Changes one endpoint of the chain the actor manages and records the change in that chain,
 * in one transaction: the shared frame of rotating a secret and enabling an endpoint again.
 */
async function changeEndpoint(
  db: DbHandle,
  actor: Actor,
  id: string,
  change: (tx: Tx, where: SQL) => Promise<{ id: string; url: string } | undefined>,
  kind: EventKind,
): Promise<EndpointView> {
  const { manager, tenantId } = managedChain(actor);
  if (!isUuid(id)) throw notFound();
  try {
    return await withActor(db, manager, async (tx) => {
      const changed = await change(tx, and(eq(forwardingEndpoints.id, id), inChain(forwardingEndpoints.tenantId, tenantId))!);
      if (!changed) throw notFound();
      await emitEvent(tx, { tenantId, kind, subject: changed.id, payload: { endpoint: changed.id, host: new URL(changed.url).host } });
      const [view] = await endpointsOfChain(tx, tenantId, changed.id);
      return view;
    });
  } catch (error) {
    if (pgErrorCode(error) === '42501') throw new AppError('forbidden', 'Your account may no longer manage forwarding.', 403);
    throw error;
  }
}

/**
 * Gives an endpoint a new signing secret, returned here once. The old one stops at once:
 * messages the receiver refuses meanwhile are retried, signed with the new secret.
 */
export async function rotateSecret({ db, actor }: DbActor<Actor>, id: string): Promise<{ endpoint: EndpointView; secret: string }> {
  const secret = newSigningSecret();
  const endpoint = await changeEndpoint(
    db,
    actor,
    id,
    async (tx, where) =>
      (await tx.update(forwardingEndpoints).set({ secret }).where(where).returning({ id: forwardingEndpoints.id, url: forwardingEndpoints.url }))[0],
    FORWARDING_EVENTS.rotated,
  );
  return { endpoint, secret };
}

/** Sends to an endpoint that was disabled (after failing for days) again, its queued deliveries first. */
export async function enableEndpoint({ db, actor }: DbActor<Actor>, id: string): Promise<EndpointView> {
  return changeEndpoint(
    db,
    actor,
    id,
    async (tx, where) => {
      const [row] = await tx
        .update(forwardingEndpoints)
        .set({ enabled: true, disabledReason: null })
        .where(and(where, eq(forwardingEndpoints.enabled, false)))
        .returning({ id: forwardingEndpoints.id, url: forwardingEndpoints.url });
      if (row) return row;
      const [exists] = await tx.select({ id: forwardingEndpoints.id }).from(forwardingEndpoints).where(where);
      if (exists) throw new AppError('already_enabled', 'This endpoint is already enabled.', 409);
      return undefined;
    },
    FORWARDING_EVENTS.enabled,
  );
}
