import 'server-only';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { type LockboxAccess, breakGlassSessions, lockboxRequests, tenantRecords } from '@/drizzle/schema';
import type { Actor, StaffActor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { isUuid, parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { listOwnRecords, recordColumns, type RecordSummary } from '@/lib/tenants/list-records';
import { recordInput } from './schemas';
import { actingOn, type TenantRef, tenantBySlug } from './tenant';
import { EVENTS } from './transitions';
import type { Ctx } from '@/lib/db/ctx';

export interface StaffAccess {
  via: 'lockbox' | 'break_glass';
  /** The lockbox request or break-glass session that gives the access. */
  id: string;
  mode: LockboxAccess;
  endsAt: Date;
}

export interface TenantData {
  tenant: TenantRef;
  access: StaffAccess | null;
  records: RecordSummary[];
}

/** The access the database grants the acting staff member now, and where it comes from. */
async function currentAccess(tx: Tx, actor: StaffActor, tenantId: string, now: Date): Promise<StaffAccess | null> {
  const [{ access }] = await queryRows<{ access: LockboxAccess | null }>(tx, sql`select app_staff_tenant_access(${tenantId}::uuid) as access`);
  if (!access) return null;
  if (actor.role === 'break_glass') {
    const [s] = await tx
      .select({ id: breakGlassSessions.id, endsAt: breakGlassSessions.endsAt })
      .from(breakGlassSessions)
      .where(
        and(
          eq(breakGlassSessions.tenantId, tenantId),
          eq(breakGlassSessions.invokedBy, actor.userId),
          isNull(breakGlassSessions.endedAt),
          gt(breakGlassSessions.endsAt, now),
        ),
      )
      .orderBy(desc(breakGlassSessions.endsAt))
      .limit(1);
    if (s) return { via: 'break_glass', id: s.id, mode: access, endsAt: s.endsAt };
  }
  const [g] = await tx
    .select({ id: lockboxRequests.id, endsAt: lockboxRequests.grantEndsAt, access: lockboxRequests.access })
    .from(lockboxRequests)
    .where(
      and(
        eq(lockboxRequests.tenantId, tenantId),
        eq(lockboxRequests.requestedBy, actor.userId),
        eq(lockboxRequests.status, 'approved'),
        gt(lockboxRequests.grantEndsAt, now),
      ),
    )
    .orderBy(desc(lockboxRequests.access), desc(lockboxRequests.grantEndsAt))
    .limit(1);
  return g ? { via: 'lockbox', id: g.id, mode: g.access, endsAt: g.endsAt! } : null;
}

/** Runs `work` in one transaction as the staff member acting on the tenant, with the access they hold now. */
async function onTenant<T>(
  db: DbHandle,
  clock: Clock,
  actor: StaffActor,
  slug: string,
  work: (tx: Tx, tenant: TenantRef, access: StaffAccess | null, now: Date) => Promise<T>,
): Promise<T> {
  const tenant = await tenantBySlug(db, actor, slug);
  const now = clock.now();
  return withActor(db, actingOn(actor, tenant), async (tx) => work(tx, tenant, await currentAccess(tx, actor, tenant.id, now), now), { now });
}

/** The governance payload's pointer to what gives the access: the session or the request. */
const grantRef = (access: StaffAccess) => ({ [access.via === 'break_glass' ? 'session' : 'request']: access.id });

/**
 * A tenant's records as a staff member may read them now. The database decides (the staff
 * policy on tenant_records): without a grant or a break-glass session the list is empty.
 * Every read that returns data is recorded in the tenant's governance log.
 */
export async function readTenantDataAsStaff(db: DbHandle, clock: Clock, actor: Actor, slug: string): Promise<TenantData> {
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'Only vendor staff use this view.', 403);
  return onTenant(db, clock, actor, slug, async (tx, tenant, access) => {
    const records = await tx
      .select(recordColumns)
      .from(tenantRecords)
      .where(eq(tenantRecords.tenantId, tenant.id))
      .orderBy(asc(tenantRecords.category), asc(tenantRecords.title));
    if (access) {
      await emitEvent(tx, {
        tenantId: tenant.id,
        kind: access.via === 'break_glass' ? EVENTS.breakGlassDataRead : EVENTS.dataRead,
        subject: access.id,
        payload: { ...grantRef(access), records: records.map((r) => r.id) },
      });
    }
    return { tenant, access, records };
  });
}

/** The records of a tenant for whoever asks: its own users, or staff as the database allows. */
export async function readTenantRecords({ db, clock, actor }: Ctx<Actor>, slug: string): Promise<RecordSummary[]> {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first.', 401);
  if (actor.kind === 'staff') return (await readTenantDataAsStaff(db, clock, actor, slug)).records;
  if (actor.tenantSlug !== slug) throw new AppError('not_found', 'There is no such tenant.', 404);
  return listOwnRecords(db, actor);
}

/** A staff member with read-write access corrects a record; the database refuses anyone else. */
export async function updateTenantRecord({ db, clock, actor }: Ctx<Actor>, slug: string, id: string, data: unknown) {
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'Only vendor staff use this view.', 403);
  if (!isUuid(id)) throw new AppError('not_found', 'There is no such record.', 404);
  return onTenant(db, clock, actor, slug, async (tx, tenant, access, now) => {
    if (access?.mode !== 'read_write') {
      throw new AppError('forbidden', 'Changing this tenant’s records needs an active read-write grant or a break-glass session.', 403);
    }
    // The body only once access is established: without it, any body is refused alike.
    const input = parseInput(recordInput, data);
    const [row] = await tx
      .update(tenantRecords)
      .set({ title: input.title, body: input.body, updatedAt: now })
      .where(and(eq(tenantRecords.id, id), eq(tenantRecords.tenantId, tenant.id)))
      .returning(recordColumns);
    if (!row) throw new AppError('not_found', 'There is no such record.', 404);
    await emitEvent(tx, {
      tenantId: tenant.id,
      kind: EVENTS.recordUpdated,
      subject: row.id,
      payload: { record: row.id, ...grantRef(access) },
    });
    return row;
  });
}
