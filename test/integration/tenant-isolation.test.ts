import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { CustomerActor } from '@/lib/core/actor';
import { pgErrorCode, queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createDpaExecution, createIdentityRows, createLockboxRows, createRecord, createStaff, createTenant } from '../helpers/factories';
import { createForwardingRows } from '../helpers/forwarding';

describeEachDatabase('tenant isolation', (t) => {
  let tenantA: { id: string; slug: string; legalName: string };
  let tenantB: { id: string; slug: string; legalName: string };
  let carol: CustomerActor;
  let bea: CustomerActor;
  let lockboxOfB: Awaited<ReturnType<typeof createLockboxRows>>;
  let tables: string[];

  // A's customer admin, and A's directory sync: each must see only A.
  const actorsOfA = () => [carol, { kind: 'directory' as const, tenantId: tenantA.id }];

  const countB = async (table: string) => {
    const [row] = await t().admin.transaction((q) => q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantB.id]));
    return row.n;
  };

  beforeAll(async () => {
    const { admin } = t();
    tenantA = await createTenant(admin, 'Tenant A');
    tenantB = await createTenant(admin, 'Tenant B');
    carol = await createCustomer(admin, tenantA, 'customer_admin');
    bea = await createCustomer(admin, tenantB, 'customer_admin');
    await createRecord(admin, tenantA.id);
    await createRecord(admin, tenantB.id);
    await createIdentityRows(admin, tenantA, carol.userId);
    await createIdentityRows(admin, tenantB, bea.userId);
    await createDpaExecution(admin, tenantA, carol.userId);
    await createDpaExecution(admin, tenantB, bea.userId);
    await createLockboxRows(admin, tenantA, carol.userId);
    lockboxOfB = await createLockboxRows(admin, tenantB, bea.userId);
    await createForwardingRows(admin, tenantA, carol.userId);
    await createForwardingRows(admin, tenantB, bea.userId);
    const rows = await admin.transaction((q) =>
      q.query<{ table: string }>(
        `SELECT c.relname AS table FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
      ),
    );
    tables = rows.map((r) => r.table);
  });

  it('finds the tenant tables in the catalog', () => {
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'tenant_records',
        'governance_events',
        'lockbox_settings',
        'lockbox_requests',
        'lockbox_approvals',
        'break_glass_sessions',
        'forwarding_endpoints',
        'forwarding_deliveries',
      ]),
    );
  });

  it('has row-level security enabled and forced on every tenant table, and on tenants itself', async () => {
    const rows = await t().admin.transaction((q) =>
      q.query<{ table: string; enabled: boolean; forced: boolean }>(
        `SELECT relname AS table, relrowsecurity AS enabled, relforcerowsecurity AS forced
         FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)`,
        [[...tables, 'tenants', 'sessions']],
      ),
    );
    expect(rows).toHaveLength(tables.length + 2);
    for (const row of rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true });
  });

  it("shows tenant A's actors their own rows and none of tenant B's, in every tenant table", async () => {
    for (const table of tables) {
      let own = 0;
      for (const actor of actorsOfA()) {
        const [counts] = await withActor(t().appRoleDb, actor, (tx) =>
          queryRows<{ own: number; other: number }>(
            tx,
            sql.raw(`SELECT count(*) FILTER (WHERE tenant_id = '${tenantA.id}')::int AS own,
                            count(*) FILTER (WHERE tenant_id IS DISTINCT FROM '${tenantA.id}')::int AS other FROM ${table}`),
          ),
        );
        expect(counts.other, `${table} as ${actor.kind}`).toBe(0);
        own += counts.own;
      }
      expect(own, table).toBeGreaterThan(0);
      expect(await countB(table), `${table} really has tenant B rows`).toBeGreaterThan(0);
    }
  });

  it("refuses to insert tenant B's rows from tenant A's context", async () => {
    for (const table of tables) {
      const [template] = await t().admin.transaction((q) =>
        q.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(x) AS row FROM ${table} x WHERE tenant_id = $1 LIMIT 1`, [tenantB.id]),
      );
      const forged = { ...template.row, id: randomUUID() };
      if ('email' in forged) forged.email = `forged-${randomUUID()}@example.com`;
      for (const actor of actorsOfA()) {
        const attempt = withActor(t().appRoleDb, actor, (tx) =>
          tx.execute(sql.raw(`INSERT INTO ${table} SELECT * FROM jsonb_populate_record(NULL::${table}, '${JSON.stringify(forged)}'::jsonb)`)),
        );
        const error = await attempt.then(
          () => null,
          (e: unknown) => e,
        );
        expect(pgErrorCode(error), `${table} as ${actor.kind}: ${String(error)}`).toBe('42501');
      }
    }
  });

  it("cannot update or delete tenant B's rows from tenant A's context", async () => {
    for (const table of tables) {
      const before = await countB(table);
      for (const statement of [
        `UPDATE ${table} SET tenant_id = '${tenantA.id}' WHERE tenant_id = '${tenantB.id}' RETURNING tenant_id`,
        `DELETE FROM ${table} WHERE tenant_id = '${tenantB.id}' RETURNING tenant_id`,
      ]) {
        for (const actor of actorsOfA()) {
          const outcome = await withActor(t().appRoleDb, actor, (tx) => queryRows(tx, sql.raw(statement))).then(
            (rows) => ({ changed: rows.length }),
            (e: unknown) => ({ code: pgErrorCode(e) }),
          );
          // Either the role lacks the privilege outright, or RLS hides every row of tenant B.
          expect(['42501', undefined], `${table}: ${statement}`).toContain('code' in outcome ? outcome.code : undefined);
          if ('changed' in outcome) expect(outcome.changed, statement).toBe(0);
        }
      }
      expect(await countB(table)).toBe(before);
    }
  });

  it('yields no rows, and no error, when the tenant setting is missing or malformed', async () => {
    for (const setting of [null, '', 'not-a-uuid', "' OR true --"]) {
      const counts = await t().admin.transaction(async (q) => {
        await q.exec('SET LOCAL ROLE trust_app');
        if (setting !== null) {
          await q.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.actor_kind', 'customer', true)`, [setting]);
        }
        const result: number[] = [];
        for (const table of [...tables, 'tenants', 'sessions']) {
          const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
          result.push(row.n);
        }
        return result;
      });
      expect(
        counts.every((n) => n === 0),
        `setting ${String(setting)}`,
      ).toBe(true);
    }
  });

  it("shows each user only their own notifications, and lets nobody write another's", async () => {
    const mine = await withActor(t().appRoleDb, carol, (tx) => queryRows<{ user_id: string }>(tx, sql`SELECT user_id FROM notifications`));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((n) => n.user_id === carol.userId)).toBe(true);
    const [beas] = await t().admin.transaction((q) => q.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [bea.userId]));
    expect(beas.n).toBeGreaterThan(0);
    for (const actor of [...actorsOfA(), await createStaff(t().admin, 'trust_admin')]) {
      for (const statement of [
        `UPDATE notifications SET read_at = now() WHERE user_id = '${bea.userId}' RETURNING id`,
        `UPDATE notifications SET user_id = '${carol.userId}' WHERE id = '${lockboxOfB.notificationId}' RETURNING id`,
        `DELETE FROM notifications WHERE user_id = '${bea.userId}' RETURNING id`,
        `INSERT INTO notifications (user_id, kind, title) VALUES ('${bea.userId}', 'forged', 'Forged') RETURNING id`,
      ]) {
        const outcome = await withActor(t().appRoleDb, actor, (tx) => queryRows(tx, sql.raw(statement))).then(
          (rows) => ({ changed: rows.length }),
          (e: unknown) => ({ code: pgErrorCode(e) }),
        );
        expect(['42501', undefined], `${actor.kind}: ${statement}`).toContain('code' in outcome ? outcome.code : undefined);
        if ('changed' in outcome) expect(outcome.changed, statement).toBe(0);
      }
    }
    const [after] = await t().admin.transaction((q) =>
      q.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [bea.userId]),
    );
    expect(after.n).toBe(beas.n);
  });

  it("shows vendor staff none of a tenant's confidential records without a grant", async () => {
    const bob = await createStaff(t().admin, 'support');
    const rows = await withActor(t().appRoleDb, { ...bob, actingOnTenantId: tenantA.id }, (tx) =>
      queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM tenant_records`),
    );
    expect(rows[0].n).toBe(0);
  });

  it('runs every transaction as trust_app, which cannot bypass row-level security', async () => {
    const [role] = await withActor(t().db, carol, (tx) =>
      queryRows<{ user: string; bypass: boolean; superuser: boolean }>(
        tx,
        sql`SELECT current_user AS user, rolbypassrls AS bypass, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
      ),
    );
    expect(role).toEqual({ user: 'trust_app', bypass: false, superuser: false });
    const [owner] = await t().admin.transaction((q) =>
      q.query<{ owner: string }>(`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [tables]),
    );
    expect(owner.owner).toBe('trust_owner');
  });

  it('closes a transaction handle when its transaction ends, so it cannot run on a pooled connection', async () => {
    let leaked: Parameters<Parameters<typeof withActor>[2]>[0] | undefined;
    await withActor(t().appRoleDb, carol, async (tx) => {
      leaked = tx;
    });
    const stray = await queryRows(leaked!, sql`SELECT count(*)::int AS n FROM tenant_records`).then(
      () => 'ran',
      () => 'refused',
    );
    expect(stray).toBe('refused');
  });

  it('does not let the app role create temporary tables that could shadow ours', async () => {
    const error = await withActor(t().appRoleDb, carol, (tx) => tx.execute(sql`CREATE TEMP TABLE users (id uuid)`)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(pgErrorCode(error)).toBe('42501');
  });
});

describeEachDatabase('RLS context on pooled connections', (t) => {
  it('never leaks between concurrent transactions of different tenants', async () => {
    const { admin } = t();
    const tenants = await Promise.all([createTenant(admin, 'Pool A'), createTenant(admin, 'Pool B'), createTenant(admin, 'Pool C')]);
    const people = await Promise.all(tenants.map((tenant) => createCustomer(admin, tenant)));
    for (const tenant of tenants) await createRecord(admin, tenant.id, `record of ${tenant.legalName}`);
    const seen = await Promise.all(
      Array.from({ length: 300 }, (_, i) => {
        const person = people[i % people.length];
        const readOnly = i % 3 !== 0;
        return withActor(
          t().db,
          person,
          async (tx) => {
            const rows = await queryRows<{ title: string }>(tx, sql`SELECT title FROM tenant_records`);
            return { expected: `record of ${person.tenantName}`, titles: rows.map((r) => r.title) };
          },
          { readOnly },
        );
      }),
    );
    for (const s of seen) expect(s.titles).toEqual([s.expected]);
  });
});
