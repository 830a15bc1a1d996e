import 'server-only';
import { and, asc, desc, eq, gt, isNull, like, or, type SQL } from 'drizzle-orm';
import { governanceEvents } from '@/drizzle/schema';
import type { Actor } from '@/lib/auth/actor';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { AppError } from '@/lib/http/errors';

export interface GovernanceEventView {
  id: string;
  seq: number;
  occurredAt: Date;
  kind: string;
  actorId: string | null;
  actorKind: string;
  subject: string;
  reason: string;
  payload: unknown;
}

/**
 * The newest events of the chain the actor may read: a customer's tenant chain, or the
 * vendor chain for trust admins. `kindPrefixes` narrows to e.g. ['lockbox.', 'support.'].
 */
export async function listEvents(
  db: DbHandle,
  actor: Actor,
  {
    kindPrefixes = [],
    after,
    limit = 50,
    offset = 0,
  }: { kindPrefixes?: string[]; after?: number; limit?: number; offset?: number } = {},
): Promise<{ total: number; events: GovernanceEventView[] }> {
  let chain: SQL;
  if (actor.kind === 'customer') chain = eq(governanceEvents.tenantId, actor.tenantId);
  else if (actor.kind === 'staff' && actor.role === 'trust_admin') chain = isNull(governanceEvents.tenantId);
  else throw new AppError('forbidden', 'Only a tenant’s users and trust admins read a governance log.', 403);
  const kinds = kindPrefixes.length ? or(...kindPrefixes.map((p) => like(governanceEvents.kind, `${p.replace(/[%_\\]/g, '\\$&')}%`))) : undefined;
  // `after` pages forward through the chain (oldest first); without it, the newest come first.
  const where = and(chain, kinds, after === undefined ? undefined : gt(governanceEvents.seq, after));
  return withActor(
    db,
    actor,
    async (tx) => ({
      total: await tx.$count(governanceEvents, where),
      events: (
        await tx
          .select()
          .from(governanceEvents)
          .where(where)
          .orderBy(after === undefined ? desc(governanceEvents.seq) : asc(governanceEvents.seq))
          .limit(Math.min(Math.max(limit, 1), 200))
          .offset(Math.max(offset, 0))
      ).map((e) => ({ ...e })),
    }),
    { readOnly: true },
  );
}
