import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { type LockboxStatus, breakGlassSessions, lockboxRequests } from '@/drizzle/schema';
import type { Tx } from '@/lib/db/types';
import { emitEvent } from '@/lib/governance/emit';
import type { EventKind } from '@/lib/governance/kinds';
import { AppError } from '@/lib/core/errors';

/**
 * The lockbox and break-glass state machines. This module is the only code that writes
 * lockbox_requests.status and a break-glass session's end and review; each transition
 * appends its governance event in the same transaction. The database enforces the same
 * table again (the guard triggers of 0011_lockbox.sql).
 */
export const TRANSITIONS: Record<LockboxStatus, readonly LockboxStatus[]> = {
  pending: ['approved', 'denied', 'expired'],
  approved: ['revoked', 'expired'],
  denied: [],
  expired: [],
  revoked: [],
};

/** The lockbox and break-glass kinds of the governance log's catalog (lib/governance/kinds.ts). */
export const EVENTS = {
  requested: 'lockbox.requested',
  approvalRecorded: 'lockbox.approval_recorded',
  approved: 'lockbox.approved',
  denied: 'lockbox.denied',
  requestExpired: 'lockbox.request_expired',
  revoked: 'lockbox.revoked',
  grantExpired: 'lockbox.grant_expired',
  dataRead: 'support.tenant_data_read',
  breakGlassDataRead: 'support.break_glass_data_read',
  recordUpdated: 'support.tenant_record_updated',
  breakGlassInvoked: 'support.break_glass_invoked',
  breakGlassEnded: 'support.break_glass_ended',
  breakGlassReviewed: 'support.break_glass_reviewed',
  settingsChanged: 'lockbox.settings_changed',
} as const satisfies Record<string, EventKind>;

const STATUS_WORDS: Record<LockboxStatus, string> = {
  pending: 'still waiting for a decision',
  approved: 'already approved',
  denied: 'already denied',
  expired: 'already expired',
  revoked: 'already revoked',
};

export type RequestChange =
  | { to: 'approved'; by: string; comment: string }
  | { to: 'denied'; by: string; comment: string }
  | { to: 'revoked'; by: string; comment: string }
  | { to: 'expired' };

export function illegal(from: LockboxStatus, to: LockboxStatus): AppError {
  const verb = { approved: 'approved', denied: 'denied', revoked: 'revoked', expired: 'expired', pending: 'reopened' }[to];
  return new AppError('illegal_transition', `This request is ${STATUS_WORDS[from]}, so it cannot be ${verb}. Nothing was changed.`, 409);
}

/**
 * Moves one request with one conditional UPDATE: of two decisions racing, the second finds
 * the request no longer in a state that allows its change and is refused. Returns the row.
 */
export async function moveRequest(tx: Tx, id: string, change: RequestChange) {
  const from = (Object.keys(TRANSITIONS) as LockboxStatus[]).filter((s) => TRANSITIONS[s].includes(change.to));
  const set =
    change.to === 'expired'
      ? { status: change.to }
      : change.to === 'revoked'
        ? { status: change.to, revokedBy: change.by }
        : { status: change.to, decidedBy: change.by, decisionComment: change.comment };
  let row;
  try {
    [row] = await tx
      .update(lockboxRequests)
      .set(set)
      .where(and(eq(lockboxRequests.id, id), inArray(lockboxRequests.status, from)))
      .returning();
  } catch (error) {
    throw guardRefusal(error) ?? error;
  }
  if (!row) {
    const [existing] = await tx.select({ status: lockboxRequests.status }).from(lockboxRequests).where(eq(lockboxRequests.id, id));
    if (!existing) throw new AppError('not_found', 'There is no such lockbox request.', 404);
    throw illegal(existing.status, change.to);
  }
  const kind = change.to === 'expired' ? (row.revokedAt === null && row.grantEndsAt ? EVENTS.grantExpired : EVENTS.requestExpired) : EVENTS[change.to];
  await emitEvent(tx, {
    tenantId: row.tenantId,
    kind,
    subject: row.id,
    reason: change.to === 'expired' ? '' : change.comment,
    payload: {
      request: row.id,
      status: row.status,
      ...(row.grantEndsAt && change.to === 'approved' ? { grantStartsAt: row.grantStartsAt, grantEndsAt: row.grantEndsAt } : {}),
    },
  });
  return row;
}

export type SessionChange = { to: 'ended'; by: string } | { to: 'closed' } | { to: 'reviewed'; by: string; review: string };

/** Ends a break-glass session early (its invoker), closes one that reached its end, or records its review. */
export async function moveSession(tx: Tx, id: string, change: SessionChange) {
  const [current] = await tx.select().from(breakGlassSessions).where(eq(breakGlassSessions.id, id));
  if (!current) throw new AppError('not_found', 'There is no such break-glass session.', 404);
  const set =
    change.to === 'ended'
      ? { endedBy: change.by, endedAt: new Date() }
      : change.to === 'closed'
        ? { closedAt: new Date() }
        : { review: change.review, reviewedBy: change.by, reviewedAt: new Date() };
  let row;
  try {
    [row] = await tx.update(breakGlassSessions).set(set).where(eq(breakGlassSessions.id, id)).returning();
  } catch (error) {
    throw guardRefusal(error) ?? error;
  }
  if (!row) throw new AppError('forbidden', 'You cannot change this break-glass session.', 403);
  if (change.to !== 'closed' || !current.endedAt) {
    await emitEvent(tx, {
      tenantId: row.tenantId,
      kind: change.to === 'reviewed' ? EVENTS.breakGlassReviewed : EVENTS.breakGlassEnded,
      subject: row.id,
      reason: change.to === 'reviewed' ? change.review : '',
      payload: { session: row.id, ...(change.to === 'reviewed' ? {} : { endedAt: row.endedAt ?? row.endsAt, early: change.to === 'ended' }) },
    });
  }
  return row;
}

/** The guard trigger's refusals (SQLSTATE 23514) carry a sentence meant for people. */
export function guardRefusal(error: unknown): AppError | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === '23514' && typeof message === 'string' && /break-glass|lockbox/.test(message)) {
      return new AppError('illegal_transition', `${message.charAt(0).toUpperCase()}${message.slice(1)}. Nothing was changed.`, 409);
    }
  }
  return null;
}
