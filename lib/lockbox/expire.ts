import 'server-only';
import { formatDateTime } from '@/lib/core/dates';
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { breakGlassSessions, lockboxRequests } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { recordExpiredGrants } from '@/lib/access/expire';
import { AppError } from '@/lib/core/errors';
import { notify } from './notify';
import { moveRequest, moveSession } from './transitions';

/**
 * Records what time has already ended: unanswered requests past their expiry, grants past
 * their end, break-glass sessions past their limit. Access itself never waits for this (the
 * policies compare times); this writes the status, the governance event and the notice.
 * Each one is closed in its own transaction: one that another instance closed first, or
 * that a decision changed meanwhile, is skipped without undoing the others.
 */
export async function closeEnded(db: DbHandle, clock: Clock): Promise<{ requests: number; sessions: number }> {
  const now = clock.now();
  const [requests, sessions] = await withActor(
    db,
    SYSTEM,
    async (tx) =>
      [
        await tx
          .select({ id: lockboxRequests.id, status: lockboxRequests.status, ticket: lockboxRequests.ticket })
          .from(lockboxRequests)
          .where(
            or(
              and(eq(lockboxRequests.status, 'pending'), lte(lockboxRequests.expiresAt, now)),
              and(eq(lockboxRequests.status, 'approved'), lte(lockboxRequests.grantEndsAt, now)),
            ),
          )
          .limit(500),
        await tx
          .select({ id: breakGlassSessions.id })
          .from(breakGlassSessions)
          .where(and(isNull(breakGlassSessions.closedAt), isNull(breakGlassSessions.endedAt), lte(breakGlassSessions.endsAt, now)))
          .limit(500),
      ] as const,
    { readOnly: true, now },
  );
  let closed = { requests: 0, sessions: 0 };
  for (const r of requests) {
    const done = await closeOne(db, now, async (tx) => {
      const row = await moveRequest(tx, r.id, { to: 'expired' });
      await notify(
        tx,
        r.id,
        r.status === 'pending'
          ? {
              kind: 'lockbox_request_expired',
              title: 'Your lockbox request expired unanswered',
              body: `Your request (ticket ${r.ticket}) was not answered before ${formatDateTime(row.expiresAt)} and has expired. Ask again if you still need access.`,
            }
          : {
              kind: 'lockbox_grant_expired',
              title: 'Your lockbox access has ended',
              body: `Your access (ticket ${r.ticket}) reached its end at ${formatDateTime(row.grantEndsAt!)}.`,
            },
      );
    });
    if (done) closed = { ...closed, requests: closed.requests + 1 };
  }
  for (const s of sessions) {
    const done = await closeOne(db, now, async (tx) => {
      await moveSession(tx, s.id, { to: 'closed' });
      await notify(tx, s.id, {
        kind: 'break_glass_review_needed',
        title: 'A break-glass session ended and needs its review',
        body: 'Write the post-incident review of the session in the staff admin.',
      });
    });
    if (done) closed = { ...closed, sessions: closed.sessions + 1 };
  }
  return closed;
}

/** One closing step in its own transaction; false when the state machine refused it (already closed). */
async function closeOne(db: DbHandle, now: Date, step: (tx: Tx) => Promise<void>): Promise<boolean> {
  try {
    await withActor(db, SYSTEM, step, { now });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'illegal_transition') return false;
    throw error;
  }
}

/**
 * Runs closeEnded now and every `intervalMs` while the server runs; the same sweep records the
 * reviewers' access grants that reached their end (lib/access/expire.ts).
 */
export function startLockboxSweeps(getDb: () => Promise<DbHandle>, clock: Clock, intervalMs = 60_000) {
  const run = async () => {
    try {
      const closed = await closeEnded(await getDb(), clock);
      if (closed.requests + closed.sessions > 0) (await import('@/lib/mail/sender')).sendQueuedMail();
    } catch (error) {
      console.error('[trust-center] closing ended lockbox requests failed; it will be tried again', error);
    }
    try {
      await recordExpiredGrants(await getDb(), clock);
    } catch (error) {
      console.error('[trust-center] recording expired access grants failed; it will be tried again', error);
    }
  };
  void run();
  setInterval(run, intervalMs).unref();
}
