import 'server-only';
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { accessGrants } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';

/**
 * Records the end of every grant that reached its expiry unrevoked: `access.grant_expired`,
 * appended in the same transaction that marks the grant, once (the conditional UPDATE lets
 * only one of several instances record a grant). Access never waits for this: a grant's link
 * stops working at expires_at. Returns how many were recorded.
 */
export async function recordExpiredGrants(db: DbHandle, clock: Clock, limit = 500): Promise<number> {
  const now = clock.now();
  return withActor(db, SYSTEM, async (tx) => {
    const due = await tx
      .select({ id: accessGrants.id, requestId: accessGrants.accessRequestId, expiresAt: accessGrants.expiresAt })
      .from(accessGrants)
      .where(and(isNull(accessGrants.expiryRecordedAt), isNull(accessGrants.revokedAt), lte(accessGrants.expiresAt, now)))
      .orderBy(asc(accessGrants.expiresAt))
      .limit(limit);
    let recorded = 0;
    for (const grant of due) {
      const [marked] = await tx
        .update(accessGrants)
        .set({ expiryRecordedAt: now })
        .where(and(eq(accessGrants.id, grant.id), isNull(accessGrants.expiryRecordedAt)))
        .returning({ id: accessGrants.id });
      if (!marked) continue;
      await emitEvent(tx, {
        tenantId: null,
        kind: 'access.grant_expired',
        subject: grant.id,
        payload: { grant: grant.id, request: grant.requestId, expiresAt: grant.expiresAt.toISOString() },
      });
      recorded++;
    }
    return recorded;
  });
}
