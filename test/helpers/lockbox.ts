import postgres from 'postgres';
import { expect } from 'vitest';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import type { AdminConnection, AdminQuery } from '@/lib/db/types';
import { AppError } from '@/lib/core/errors';
import type { TestDatabase } from './databases';
import { createCustomer, createRecord, createStaff, createTenant } from './factories';

/**
 * Setup and probes for the lockbox and break-glass tests: a tenant with its people, the
 * staff member's view of its records in plain SQL, and what landed in the governance log,
 * the notifications and the mail outbox.
 */

export const JUSTIFICATION = 'Customer reports exports failing since Monday, ticket SUP-1234';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export type Tenant = { id: string; slug: string; legalName: string };

export interface LockboxWorld {
  /** Tenant A ("acme"), with two records. */
  acme: Tenant;
  /** Tenant B ("globex"). */
  globex: Tenant;
  /** acme's customer admins. */
  carol: CustomerActor;
  carol2: CustomerActor;
  /** acme's customer member. */
  dan: CustomerActor;
  /** globex's customer admin. */
  erin: CustomerActor;
  /** A support engineer. */
  bob: StaffActor;
  records: string[];
}

/** A fresh acme/globex pair with its people: each test gets its own, so tests never share grants. */
export async function createLockboxWorld(admin: AdminConnection): Promise<LockboxWorld> {
  const acme = await createTenant(admin, 'Acme Corp');
  const globex = await createTenant(admin, 'Globex Inc');
  const [carol, carol2, dan, erin, bob] = await Promise.all([
    createCustomer(admin, acme, 'customer_admin'),
    createCustomer(admin, acme, 'customer_admin'),
    createCustomer(admin, acme, 'customer_member'),
    createCustomer(admin, globex, 'customer_admin'),
    createStaff(admin, 'support'),
  ]);
  const records = [await createRecord(admin, acme.id, 'Acme payroll'), await createRecord(admin, acme.id, 'Acme contracts')];
  await createRecord(admin, globex.id, 'Globex payroll');
  return { acme, globex, carol, carol2, dan, erin, bob, records };
}

/** A clock at real time (the database takes the later of its own time and the clock's). */
export const clockNow = () => manualClock(new Date());

export const requestBody = (tenant: Tenant, extra: Record<string, unknown> = {}) => ({
  tenant: tenant.slug,
  justification: JUSTIFICATION,
  ticket: 'SUP-1234',
  durationMinutes: 60,
  access: 'read',
  ...extra,
});

/** How a lib call ended: 'ok', '<status> <code>', or the database error's SQLSTATE. */
export function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (e: unknown) => {
      if (e instanceof AppError) return `${e.status} ${e.code}`;
      const code = pgErrorCode(e);
      return code ? `sqlstate ${code}` : `unexpected: ${String(e)}`;
    },
  );
}

/** The AppError a lib call failed with (the test fails if it succeeded). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

export interface SqlActor {
  kind: 'staff' | 'customer';
  userId: string;
  tenantId: string;
}

export const asStaff = (staff: StaffActor, tenant: { id: string }): SqlActor => ({ kind: 'staff', userId: staff.userId, tenantId: tenant.id });
export const asCustomer = (customer: CustomerActor): SqlActor => ({ kind: 'customer', userId: customer.userId, tenantId: customer.tenantId });

const contextStatement = (actor: SqlActor, now?: Date) =>
  [
    `select set_config('app.actor_kind', '${actor.kind}', true)`,
    `set_config('app.actor_id', '${actor.userId}', true)`,
    `set_config('app.tenant_id', '${actor.tenantId}', true)`,
    ...(now ? [`set_config('app.now', '${now.toISOString()}', true)`] : []),
  ].join(', ');

/**
 * Runs fn in one transaction as the application role with the actor's context set by hand
 * (set_config), not through withActor: on the admin connection after SET LOCAL ROLE
 * trust_app, on both backends. `now` is the injected clock's time (app.now).
 */
export function asAppRole<T>(t: TestDatabase, actor: SqlActor, fn: (q: AdminQuery) => Promise<T>, now?: Date): Promise<T> {
  return t.admin.transaction(async (q) => {
    await q.exec('SET LOCAL ROLE trust_app');
    await q.query(contextStatement(actor, now));
    return fn(q);
  });
}

/** PostgreSQL: a raw connection that logs in as trust_app itself, the actor context set by hand. */
export async function asAppLogin<T>(t: TestDatabase, actor: SqlActor, fn: (q: postgres.TransactionSql) => Promise<T>, now?: Date): Promise<T> {
  if (!t.appUrl) throw new Error('asAppLogin needs PostgreSQL');
  const client = postgres(t.appUrl, { max: 1, onnotice: () => {} });
  try {
    return (await client.begin(async (q) => {
      const [{ user }] = await q.unsafe<{ user: string }[]>('select current_user as user');
      expect(user).toBe('trust_app');
      await q.unsafe(contextStatement(actor, now));
      return fn(q);
    })) as T;
  } finally {
    await client.end();
  }
}

/**
 * The titles of the tenant's records the actor reads in plain SQL as the application role:
 * on every backend through SET ROLE, and on PostgreSQL also logged in as trust_app. Both
 * must agree.
 */
export async function recordsInSql(t: TestDatabase, actor: SqlActor, now?: Date): Promise<string[]> {
  const select = 'select title from tenant_records order by title';
  const viaRole = (await asAppRole(t, actor, (q) => q.query<{ title: string }>(select), now)).map((r) => r.title);
  if (t.appUrl) {
    const viaLogin = (await asAppLogin(t, actor, (q) => q.unsafe<{ title: string }[]>(select), now)).map((r) => r.title);
    expect(viaLogin, 'logged in as trust_app').toEqual(viaRole);
  }
  return viaRole;
}

/** A statement run as the application role: its rows, or the SQLSTATE it was refused with. */
export async function tryInSql(t: TestDatabase, actor: SqlActor, statement: string, now?: Date): Promise<{ rows: number } | { code: string | undefined }> {
  return asAppRole(t, actor, (q) => q.query(statement), now).then(
    (rows) => ({ rows: rows.length }),
    (e: unknown) => ({ code: pgErrorCode(e) }),
  );
}

/** What the database really holds (superuser: no RLS). */
export async function adminRows<R extends Record<string, unknown>>(t: TestDatabase, statement: string, params: unknown[] = []) {
  return t.admin.transaction((q) => q.query<R>(statement, params));
}

export async function eventKinds(t: TestDatabase, where: { tenantId?: string; subject?: string; kind?: string }) {
  const rows = await adminRows<{ kind: string }>(
    t,
    `select kind from governance_events
     where ($1::uuid is null or tenant_id = $1) and ($2::text is null or subject = $2) and ($3::text is null or kind = $3)
     order by seq`,
    [where.tenantId ?? null, where.subject ?? null, where.kind ?? null],
  );
  return rows.map((r) => r.kind);
}

export async function notificationKinds(t: TestDatabase, userId: string) {
  const rows = await adminRows<{ kind: string }>(t, 'select kind from notifications where user_id = $1 order by created_at, kind', [userId]);
  return rows.map((r) => r.kind);
}

export async function mailKinds(t: TestDatabase, to: string) {
  const rows = await adminRows<{ kind: string }>(t, 'select kind from mail_outbox where to_address = $1 order by created_at, kind', [to]);
  return rows.map((r) => r.kind);
}

export async function requestStatus(t: TestDatabase, id: string) {
  const [row] = await adminRows<{ status: string }>(t, 'select status from lockbox_requests where id = $1', [id]);
  return row?.status;
}

/**
 * Makes these staff members the break-glass holders (slots 1 and 2), replacing whoever held
 * them: a database has only two slots, so tests that need holders set them here.
 */
export async function designateHolders(t: TestDatabase, ...holders: StaffActor[]) {
  await t.admin.transaction(async (q) => {
    await q.query('delete from break_glass_holders');
    for (const [i, holder] of holders.entries()) {
      await q.query('insert into break_glass_holders (slot, user_id) values ($1, $2)', [i + 1, holder.userId]);
    }
  });
}

export { createStaff };
