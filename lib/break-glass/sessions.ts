import 'server-only';
import { formatDateTime } from '@/lib/core/dates';
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { breakGlassSessions } from '@/drizzle/schema';
import type { Actor, StaffActor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { isUuid, parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { notify } from '@/lib/lockbox/notify';
import { breakGlassInput, reviewInput } from '@/lib/lockbox/schemas';
import { actingOn, tenantBySlug } from '@/lib/lockbox/tenant';
import { EVENTS, guardRefusal, moveSession } from '@/lib/lockbox/transitions';
import { type BreakGlassView, sessionView } from '@/lib/lockbox/views';
import { isBreakGlassHolder } from './holders';
import type { Ctx } from '@/lib/db/ctx';

function assertBreakGlassRole(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || actor.role !== 'break_glass') {
    throw new AppError('forbidden', 'Only the designated break-glass holders can do this.', 403);
  }
}

function refusal(error: unknown): never {
  if (pgErrorCode(error) === '42501') throw new AppError('forbidden', 'Only the designated break-glass holders can do this.', 403);
  throw guardRefusal(error) ?? error;
}

/**
 * A designated holder opens emergency access to a tenant, at most one hour. The tenant's
 * admins are told at once (console and mail) and `support.break_glass_invoked` lands in the
 * tenant's log, in the same transaction as the session itself.
 */
export async function invokeBreakGlass({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<BreakGlassView> {
  if (actor.kind !== 'staff') assertBreakGlassRole(actor);
  const input = parseInput(breakGlassInput, data);
  // The tenant first: a refused attempt on it is recorded in its own log.
  const tenant = await tenantBySlug(db, actor, input.tenant);
  const onTenant = actingOn(actor, tenant);
  assertBreakGlassRole(actor);
  if (!(await isBreakGlassHolder(db, actor))) {
    throw new AppError('forbidden', 'You are not one of the designated break-glass holders.', 403);
  }
  const now = clock.now();
  try {
    return await withActor(
      db,
      onTenant,
      async (tx) => {
        const [open] = await tx
          .select({ id: breakGlassSessions.id, endsAt: breakGlassSessions.endsAt })
          .from(breakGlassSessions)
          .where(and(eq(breakGlassSessions.tenantId, tenant.id), eq(breakGlassSessions.invokedBy, actor.userId), isNull(breakGlassSessions.endedAt)))
          .orderBy(desc(breakGlassSessions.endsAt))
          .limit(1);
        if (open && open.endsAt > now) {
          throw new AppError('already_active', `You already have emergency access to ${tenant.legalName} until ${formatDateTime(open.endsAt)}.`, 409);
        }
        const [row] = await tx
          .insert(breakGlassSessions)
          .values({
            tenantId: tenant.id,
            invokedBy: actor.userId,
            justification: input.justification,
            incident: input.incident,
            durationMinutes: input.durationMinutes,
            // Set again by the database from its own clock: see break_glass_sessions_guard().
            startedAt: now,
            endsAt: now,
          })
          .returning();
        await emitEvent(tx, {
          tenantId: tenant.id,
          kind: EVENTS.breakGlassInvoked,
          subject: row.id,
          reason: row.justification,
          payload: { session: row.id, incident: row.incident, durationMinutes: row.durationMinutes, startedAt: row.startedAt, endsAt: row.endsAt },
        });
        await notify(tx, row.id, {
          kind: 'break_glass_invoked',
          title: `Emergency access to ${tenant.legalName}'s data was opened`,
          body: [
            `${row.invokerName} (${row.invokerEmail}) opened break-glass access to your organization's data for incident ${row.incident}, until ${formatDateTime(row.endsAt)}.`,
            `Reason: ${row.justification}`,
            'Every read during this session is recorded in your governance log, and the session will be reviewed by a second holder.',
          ].join('\n\n'),
        });
        await notify(tx, row.id, {
          kind: 'break_glass_review_needed',
          title: `${row.invokerName} opened break-glass access to ${tenant.legalName}`,
          body: `Incident ${row.incident}. When the session ends, write its post-incident review.`,
        });
        return sessionView(row, now);
      },
      { now },
    );
  } catch (error) {
    refusal(error);
  }
}

/** The invoker ends their session before its limit. */
export async function endBreakGlass({ db, clock, actor }: Ctx<Actor>, id: string): Promise<BreakGlassView> {
  assertBreakGlassRole(actor);
  if (!isUuid(id)) throw notFound();
  const now = clock.now();
  const session = await getSession(db, clock, actor, id);
  const onTenant = actingOn(actor, { id: session.tenantId });
  if (session.invoker.id !== actor.userId) throw new AppError('forbidden', 'Only the holder who opened a session can end it early.', 403);
  try {
    return await withActor(
      db,
      onTenant,
      async (tx) => {
        const row = await moveSession(tx, id, { to: 'ended', by: actor.userId });
        await notify(tx, id, {
          kind: 'break_glass_review_needed',
          title: `${row.invokerName} ended a break-glass session: it needs your review`,
          body: `Incident ${row.incident}. Write the post-incident review of the session in the staff admin.`,
        });
        return sessionView(row, now);
      },
      { now },
    );
  } catch (error) {
    refusal(error);
  }
}

/** A holder other than the invoker records the post-incident review of an ended session. */
export async function reviewBreakGlass({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown): Promise<BreakGlassView> {
  assertBreakGlassRole(actor);
  const { review } = parseInput(reviewInput, data);
  if (!isUuid(id)) throw notFound();
  const now = clock.now();
  const session = await getSession(db, clock, actor, id);
  const onTenant = actingOn(actor, { id: session.tenantId });
  if (session.invoker.id === actor.userId) {
    throw new AppError('forbidden', 'A break-glass session is reviewed by a holder other than the one who opened it.', 403);
  }
  if (session.state === 'active') throw new AppError('illegal_transition', 'This session is still active: review it after it ends.', 409);
  if (session.review) throw new AppError('illegal_transition', 'This session was already reviewed. Nothing was changed.', 409);
  try {
    return await withActor(db, onTenant, async (tx) => sessionView(await moveSession(tx, id, { to: 'reviewed', by: actor.userId, review }), now), { now });
  } catch (error) {
    refusal(error);
  }
}

export interface SessionFilter {
  tenantId?: string;
  openReviews?: boolean;
  limit?: number;
  offset?: number;
}

/** Sessions the actor may see, newest first: a tenant's users see theirs; trust admins and holders all. */
export async function listSessions({ db, clock, actor }: Ctx<Actor>, filter: SessionFilter = {}) {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first.', 401);
  if (actor.kind === 'staff' && actor.role === 'support') return { total: 0, sessions: [] as BreakGlassView[] };
  const now = clock.now();
  const filters: SQL[] = [];
  if (actor.kind === 'customer') filters.push(eq(breakGlassSessions.tenantId, actor.tenantId));
  else if (filter.tenantId) filters.push(eq(breakGlassSessions.tenantId, filter.tenantId));
  if (filter.openReviews) filters.push(isNull(breakGlassSessions.reviewedAt));
  const where = and(...filters);
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  return withActor(
    db,
    actor,
    async (tx) => ({
      total: await tx.$count(breakGlassSessions, where),
      sessions: (
        await tx
          .select()
          .from(breakGlassSessions)
          .where(where)
          .orderBy(desc(breakGlassSessions.startedAt), desc(breakGlassSessions.id))
          .limit(limit)
          .offset(Math.max(filter.offset ?? 0, 0))
      ).map((s) => sessionView(s, now)),
    }),
    { readOnly: true, now },
  );
}

export async function getSession(db: DbHandle, clock: Clock, actor: Actor, id: string): Promise<BreakGlassView> {
  if (!isUuid(id)) throw notFound();
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first.', 401);
  const now = clock.now();
  const [row] = await withActor(db, actor, (tx) => tx.select().from(breakGlassSessions).where(eq(breakGlassSessions.id, id)), {
    readOnly: true,
    now,
  });
  if (!row || (actor.kind === 'customer' && row.tenantId !== actor.tenantId)) throw notFound();
  return sessionView(row, now);
}

function notFound() {
  return new AppError('not_found', 'There is no such break-glass session.', 404);
}
