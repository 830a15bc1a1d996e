import 'server-only';
import { formatDateTime } from '@/lib/core/dates';
import { eq } from 'drizzle-orm';
import { lockboxApprovals, lockboxRequests } from '@/drizzle/schema';
import type { Actor, CustomerActor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { isUuid, parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { notify } from './notify';
import { getRequest, notFound } from './requests';
import { decisionInput } from './schemas';
import { EVENTS, guardRefusal, illegal, moveRequest } from './transitions';
import { type LockboxRequestView, stateOf } from './views';
import type { Ctx } from '@/lib/db/ctx';

function assertTenantAdmin(actor: Actor): asserts actor is CustomerActor {
  if (actor.kind !== 'customer' || actor.role !== 'customer_admin') {
    throw new AppError('forbidden', 'Only your organization’s customer admins can decide lockbox requests.', 403);
  }
}

const ACCESS_WORDS = { read: 'read-only', read_write: 'read-write' } as const;

async function loadForDecision(tx: Tx, actor: CustomerActor, id: string) {
  const [request] = await tx.select().from(lockboxRequests).where(eq(lockboxRequests.id, id));
  // Another tenant's request is invisible under RLS: the same 404 as one that does not exist.
  if (!request || request.tenantId !== actor.tenantId) throw notFound();
  return request;
}

/**
 * A customer admin decides or revokes. Every step runs in one transaction with its event and
 * its notices; racing decisions are settled by the database (moveRequest's conditional
 * UPDATE, and the approval trigger's row lock), so exactly one outcome stands.
 */
async function decide(
  db: DbHandle,
  clock: Clock,
  actor: Actor,
  id: string,
  data: unknown,
  step: (tx: Tx, actor: CustomerActor, comment: string, now: Date) => Promise<void>,
): Promise<LockboxRequestView> {
  assertTenantAdmin(actor);
  const { comment } = parseInput(decisionInput, data);
  if (!isUuid(id)) throw notFound();
  const now = clock.now();
  try {
    await withActor(db, actor, (tx) => step(tx, actor, comment, now), { now });
  } catch (error) {
    if (pgErrorCode(error) === '42501') throw new AppError('forbidden', 'Your account may no longer decide lockbox requests.', 403);
    throw guardRefusal(error) ?? error;
  }
  return getRequest({ db, clock, actor }, id);
}

export function approveRequest({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown) {
  return decide(db, clock, actor, id, data, async (tx, admin, comment, now) => {
    const request = await loadForDecision(tx, admin, id);
    assertPending(request, now, 'approved');
    try {
      // The approval trigger locks the request: a racing decision waits, then finds it decided.
      await tx.insert(lockboxApprovals).values({ requestId: id, tenantId: admin.tenantId, approverId: admin.userId, comment });
    } catch (error) {
      if (pgErrorCode(error) === '23505') {
        throw new AppError('already_approved', 'You have already approved this request; it needs another admin’s approval.', 409);
      }
      throw error;
    }
    const approvals = await tx.$count(lockboxApprovals, eq(lockboxApprovals.requestId, id));
    if (approvals < request.requiredApprovals) {
      await emitEvent(tx, {
        tenantId: admin.tenantId,
        kind: EVENTS.approvalRecorded,
        subject: id,
        reason: comment,
        payload: { request: id, approvals, requiredApprovals: request.requiredApprovals },
      });
      await notify(tx, id, {
        kind: 'lockbox_second_approval',
        title: `A lockbox request needs a second approval`,
        body: `${admin.name} approved ${request.requesterName}'s request (ticket ${request.ticket}). Your organization requires two approvers: another customer admin must approve it too.`,
      });
      return;
    }
    const row = await moveRequest(tx, id, { to: 'approved', by: admin.userId, comment });
    await notify(tx, id, {
      kind: 'lockbox_approved',
      title: `${admin.tenantName} approved your lockbox request`,
      body: `Your ${ACCESS_WORDS[row.access]} access (ticket ${row.ticket}) is active until ${formatDateTime(row.grantEndsAt!)}.${comment ? `\n\nComment: ${comment}` : ''}`,
    });
  });
}

export function denyRequest({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown) {
  return decide(db, clock, actor, id, data, async (tx, admin, comment, now) => {
    assertPending(await loadForDecision(tx, admin, id), now, 'denied');
    const row = await moveRequest(tx, id, { to: 'denied', by: admin.userId, comment });
    await notify(tx, id, {
      kind: 'lockbox_denied',
      title: `${admin.tenantName} denied your lockbox request`,
      body: `Your request (ticket ${row.ticket}) was denied by ${admin.name}.${comment ? `\n\nComment: ${comment}` : ''}`,
    });
  });
}

export function revokeGrant({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown) {
  return decide(db, clock, actor, id, data, async (tx, admin, comment) => {
    await loadForDecision(tx, admin, id);
    const row = await moveRequest(tx, id, { to: 'revoked', by: admin.userId, comment });
    await notify(tx, id, {
      kind: 'lockbox_revoked',
      title: `${admin.tenantName} revoked your lockbox access`,
      body: `Your access (ticket ${row.ticket}) was revoked by ${admin.name} and has ended.${comment ? `\n\nComment: ${comment}` : ''}`,
    });
  });
}

/** A request that expired unanswered is refused with that reason, before the database's own check. */
function assertPending(request: typeof lockboxRequests.$inferSelect, at: Date, to: 'approved' | 'denied') {
  const state = stateOf(request, at);
  if (state === 'expired' && request.status === 'pending') {
    throw new AppError('illegal_transition', 'This request expired unanswered, so it can no longer be decided. Nothing was changed.', 409);
  }
  if (request.status !== 'pending') throw illegal(request.status, to);
}
