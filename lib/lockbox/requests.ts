import 'server-only';
import { formatDateTime } from '@/lib/core/dates';
import { and, desc, eq, gt, inArray, lte, or, type SQL } from 'drizzle-orm';
import { lockboxApprovals, lockboxRequests } from '@/drizzle/schema';
import type { Actor, StaffActor } from '@/lib/core/actor';
import type { Tx } from '@/lib/db/types';
import { withActor } from '@/lib/db/with-actor';
import { isUuid, parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { noAdminWarning } from '@/lib/tenants/customer-admins';
import { notify } from './notify';
import { requestInput } from './schemas';
import { actingOn, tenantBySlug } from './tenant';
import { EVENTS } from './transitions';
import { type LockboxRequestView, type LockboxState, requestView } from './views';
import type { Ctx } from '@/lib/db/ctx';

const hours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

export function assertSupport(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || actor.role !== 'support') {
    throw new AppError('forbidden', 'Only support engineers can ask a tenant for lockbox access.', 403);
  }
}

/**
 * A support engineer asks a tenant for access: the request is filed, its event appended, and
 * the tenant's customer admins are told in their console and by mail, all in one transaction.
 * When the tenant has no active customer admin, nobody can answer: `warning` says so.
 */
export async function fileRequest({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<LockboxRequestView & { warning?: string }> {
  if (actor.kind !== 'staff') assertSupport(actor);
  const input = parseInput(requestInput, data);
  // The tenant first: another staff role's refused request is recorded in that tenant's log.
  const tenant = await tenantBySlug(db, actor, input.tenant);
  const onTenant = actingOn(actor, tenant);
  assertSupport(actor);
  const now = clock.now();
  return withActor(
    db,
    onTenant,
    async (tx) => {
      const [row] = await tx
        .insert(lockboxRequests)
        .values({
          tenantId: tenant.id,
          requestedBy: actor.userId,
          justification: input.justification,
          ticket: input.ticket,
          durationMinutes: input.durationMinutes,
          access: input.access,
          // Set again by the database from its own clock: see lockbox_requests_guard().
          createdAt: now,
          expiresAt: now,
        })
        .returning();
      await emitEvent(tx, {
        tenantId: tenant.id,
        kind: EVENTS.requested,
        subject: row.id,
        reason: row.justification,
        payload: { request: row.id, ticket: row.ticket, durationMinutes: row.durationMinutes, access: row.access, expiresAt: row.expiresAt },
      });
      const notified = await notify(tx, row.id, {
        kind: 'lockbox_requested',
        title: `${row.requesterName} asks for ${row.access === 'read_write' ? 'read-write' : 'read-only'} access to ${tenant.legalName}'s data`,
        body: [
          `${row.requesterName} (${row.requesterEmail}) asks for ${hours(row.durationMinutes)} of ${row.access === 'read_write' ? 'read-write' : 'read-only'} access, ticket ${row.ticket}.`,
          `Reason: ${row.justification}`,
          `The request expires unanswered at ${formatDateTime(row.expiresAt)}. Approve or deny it in your console.`,
        ].join('\n\n'),
      });
      const view = requestView(row, [], now);
      return notified.length === 0 ? { ...view, warning: noAdminWarning(tenant.legalName) } : view;
    },
    { now },
  );
}

export interface ListOptions {
  /** Staff only: one tenant's requests. */
  tenantId?: string;
  /** States now (a request past its expiry is expired even before the sweep records it). */
  states?: LockboxState[];
  limit?: number;
  offset?: number;
}

/** The SQL of a state at `now`, matching stateOf() in views.ts. */
function inState(state: LockboxState, now: Date): SQL {
  const r = lockboxRequests;
  switch (state) {
    case 'pending':
      return and(eq(r.status, 'pending'), gt(r.expiresAt, now))!;
    case 'active':
      return and(eq(r.status, 'approved'), gt(r.grantEndsAt, now))!;
    case 'expired':
      return or(eq(r.status, 'expired'), and(eq(r.status, 'pending'), lte(r.expiresAt, now)), and(eq(r.status, 'approved'), lte(r.grantEndsAt, now)))!;
    default:
      return eq(r.status, state);
  }
}

async function readRequests(tx: Tx, now: Date, where: SQL | undefined, limit: number, offset: number) {
  const rows = await tx
    .select()
    .from(lockboxRequests)
    .where(where)
    .orderBy(desc(lockboxRequests.createdAt), desc(lockboxRequests.id))
    .limit(limit)
    .offset(offset);
  const approvals = rows.length
    ? await tx
        .select()
        .from(lockboxApprovals)
        .where(
          inArray(
            lockboxApprovals.requestId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const total = await tx.$count(lockboxRequests, where);
  return { total, requests: rows.map((r) => requestView(r, approvals, now)) };
}

/**
 * Requests the actor may see, newest first: a customer's tenant's; a support engineer's own;
 * every request for trust admins. RLS decides; the WHERE is the second guard.
 */
export async function listRequests({ db, clock, actor }: Ctx<Actor>, options: ListOptions = {}) {
  const now = clock.now();
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const offset = Math.max(options.offset ?? 0, 0);
  const filters: SQL[] = [];
  if (options.states?.length) filters.push(or(...options.states.map((state) => inState(state, now)))!);
  if (actor.kind === 'customer') {
    filters.push(eq(lockboxRequests.tenantId, actor.tenantId));
  } else if (actor.kind === 'staff') {
    if (actor.role !== 'trust_admin') filters.push(eq(lockboxRequests.requestedBy, actor.userId));
    if (options.tenantId) filters.push(eq(lockboxRequests.tenantId, options.tenantId));
  } else {
    throw new AppError('unauthenticated', 'Sign in first.', 401);
  }
  return withActor(db, actor, (tx) => readRequests(tx, now, and(...filters), limit, offset), { readOnly: true, now });
}

/** One request the actor may see, or a 404 (another tenant's id is simply not found). */
export async function getRequest({ db, clock, actor }: Ctx<Actor>, id: string): Promise<LockboxRequestView> {
  if (!isUuid(id)) throw notFound();
  const now = clock.now();
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first.', 401);
  const { requests } = await withActor(db, actor, (tx) => readRequests(tx, now, eq(lockboxRequests.id, id), 1, 0), { readOnly: true, now });
  if (!requests[0]) throw notFound();
  return requests[0];
}

export function notFound() {
  return new AppError('not_found', 'There is no such lockbox request.', 404);
}
