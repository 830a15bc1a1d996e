import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { CustomerActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import type { AdminConnection } from '@/lib/db/types';
import { deprovisionUser } from '@/lib/identity/directory-sync';
import { listMappings, removeMapping } from '@/lib/identity/mappings';
import { fileRequest } from '@/lib/lockbox/requests';
import { deleteOwnAccount } from '@/lib/privacy/delete-account';
import { listTenants } from '@/lib/tenants/list-tenants';
import { queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';
import { adminRows, outcome, requestBody } from '../helpers/lockbox';

const ROUNDS = 20;

/** Active customer admins of the tenant, as the database holds them. */
async function activeAdmins(admin: AdminConnection, tenantId: string) {
  const [row] = await admin.transaction((q) =>
    q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users
       WHERE tenant_id = $1 AND role = 'customer_admin' AND status = 'active' AND deprovisioned_at IS NULL`,
      [tenantId],
    ),
  );
  return row.n;
}

/** Puts the user in a directory group named `group`, mapped to customer admin unless told otherwise. */
async function inAdminGroup(admin: AdminConnection, user: CustomerActor, group = 'Admins', mapped = true) {
  const id = `directory_group_${randomBytes(4).toString('hex')}`;
  await admin.transaction(async (q) => {
    if (mapped) {
      await q.query(`INSERT INTO group_role_mappings (tenant_id, group_name, role) VALUES ($1, $2, 'customer_admin') ON CONFLICT DO NOTHING`, [
        user.tenantId,
        group,
      ]);
    }
    await q.query(`INSERT INTO directory_groups (id, tenant_id, directory_id, name) VALUES ($1, $2, 'directory_x', $3)`, [id, user.tenantId, group]);
    await q.query('INSERT INTO directory_memberships (tenant_id, user_id, group_id) VALUES ($1, $2, $3)', [user.tenantId, user.userId, id]);
  });
}

describeEachDatabase('the last customer admin', (t) => {
  const clock = manualClock(new Date());

  it(`keeps one admin when two admins delete their accounts at the same moment (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tenant = await createTenant(t().admin);
      const [a, b] = [await createCustomer(t().admin, tenant), await createCustomer(t().admin, tenant)];
      const results = await Promise.all([outcome(deleteOwnAccount({ db: t().db, actor: a })), outcome(deleteOwnAccount({ db: t().db, actor: b }))]);
      expect(results.sort(), `round ${round}`).toEqual(['409 last_customer_admin', 'ok']);
      expect(await activeAdmins(t().admin, tenant.id), `round ${round}`).toBe(1);
    }
  });

  it(`keeps one admin when a mapping change and a self-deletion race (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tenant = await createTenant(t().admin);
      // carol is an admin by assignment; dan only through the Admins group.
      const carol = await createCustomer(t().admin, tenant);
      const dan = await createCustomer(t().admin, tenant);
      await inAdminGroup(t().admin, dan);
      const [mapping] = await listMappings({ db: t().db, actor: carol });
      const results = await Promise.all([
        outcome(removeMapping({ db: t().db, clock, actor: carol }, mapping.id)),
        outcome(deleteOwnAccount({ db: t().db, actor: carol })),
      ]);
      // Whichever goes first, the other is refused: the deletion as the last admin, or the
      // mapping change because its author is no longer an admin.
      expect(results, `round ${round}`).not.toEqual(['ok', 'ok']);
      expect(await activeAdmins(t().admin, tenant.id), `round ${round}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses a mapping change that would demote the only admin, and changes nothing', async () => {
    const tenant = await createTenant(t().admin);
    const dan = await createCustomer(t().admin, tenant);
    await inAdminGroup(t().admin, dan);
    const [mapping] = await listMappings({ db: t().db, actor: dan });
    await expect(removeMapping({ db: t().db, clock, actor: dan }, mapping.id)).rejects.toMatchObject({ code: 'last_customer_admin', status: 409 });
    expect(await listMappings({ db: t().db, actor: dan })).toHaveLength(1);
    const events = await adminRows<{ kind: string }>(t(), `SELECT kind FROM governance_events WHERE tenant_id = $1`, [tenant.id]);
    expect(events.map((e) => e.kind)).not.toContain('identity.mapping_removed');
  });

  it('counts an admin whose groups no longer map to the role as leaving', async () => {
    const tenant = await createTenant(t().admin);
    const carol = await createCustomer(t().admin, tenant);
    const dan = await createCustomer(t().admin, tenant);
    // dan's group maps to nothing: the next derivation makes him a member.
    await inAdminGroup(t().admin, dan, 'Everyone', false);
    await expect(deleteOwnAccount({ db: t().db, actor: carol })).rejects.toMatchObject({ code: 'last_customer_admin' });
  });

  it('lets Directory Sync remove the last admin, and then shows staff the tenant needs attention', async () => {
    const tenant = await createTenant(t().admin);
    const carol = await createCustomer(t().admin, tenant);
    await t().admin.transaction((q) => q.query(`UPDATE users SET directory_user_id = 'directory_user_carol' WHERE id = $1`, [carol.userId]));
    await withActor(t().db, { kind: 'directory', tenantId: tenant.id }, (tx) =>
      deprovisionUser(tx, { tenantId: tenant.id }, 'directory_user_carol', clock.now()),
    );
    expect(await activeAdmins(t().admin, tenant.id)).toBe(0);

    const alice = await createStaff(t().admin, 'trust_admin');
    const listed = (await listTenants(t().db, alice)).find((x) => x.id === tenant.id);
    expect(listed).toMatchObject({ customerAdmins: 0 });

    const bob = await createStaff(t().admin, 'support');
    const request = await fileRequest({ db: t().db, clock, actor: bob }, requestBody(tenant));
    expect(request.warning).toMatch(/has no active customer admin/);
  });

  it('says nothing of admins to staff when the tenant has one', async () => {
    const tenant = await createTenant(t().admin);
    await createCustomer(t().admin, tenant);
    const bob = await createStaff(t().admin, 'support');
    const request = await fileRequest({ db: t().db, clock, actor: bob }, requestBody(tenant));
    expect(request.warning).toBeUndefined();
    expect((await listTenants(t().db, bob)).find((x) => x.id === tenant.id)).toMatchObject({ customerAdmins: 1 });
  });

  it('shows the admin counts to staff only', async () => {
    const tenant = await createTenant(t().admin);
    const carol = await createCustomer(t().admin, tenant);
    const counts = await withActor(t().db, carol, (tx) => queryRows(tx, sql`select * from tenant_customer_admin_counts()`));
    expect(counts).toEqual([]);
  });
});
