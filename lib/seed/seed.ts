import 'server-only';
import type { AdminConnection } from '@/lib/db/types';
import { seedPortal } from './portal';
import { DEMO_ACCOUNTS, DEMO_GROUP_ROLES, DEMO_TENANTS, VENDOR_IDENTITY, directoryUserId } from './demo-data';

export async function isEmpty(admin: AdminConnection): Promise<boolean> {
  const [row] = await admin.transaction((q) => q.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants'));
  return row.n === 0;
}

/**
 * Loads the demo tenants, accounts and records (the README lists the accounts). Idempotent: existing tenants and
 * users are updated in place, and records are added only to a tenant that has none.
 * Operator tooling: runs on the admin connection, which must be able to bypass RLS.
 */
export async function seedDemoData(admin: AdminConnection) {
  return admin.transaction(async (q) => {
    const [me] = await q.query<{ bypass: boolean }>('SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user');
    if (!me?.bypass) {
      throw new Error('db seed loads demo data and needs a superuser connection (set DATABASE_ADMIN_URL to one).');
    }
    const tenantIds = new Map<string, string>();
    // Migration tests load the demo data onto a schema migrated only part way, before tenants had
    // product keys (0019_service_accounts).
    const [keys] = await q.query<{ present: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'tenants' AND column_name = 'external_key') AS present`,
    );
    const hasProductKeys = keys.present;
    for (const t of DEMO_TENANTS) {
      const [row] = await q.query<{ id: string }>(
        `INSERT INTO tenants (slug, legal_name, workos_organization_id, workos_directory_id)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (slug) DO UPDATE SET legal_name = EXCLUDED.legal_name,
           workos_organization_id = EXCLUDED.workos_organization_id,
           workos_directory_id = EXCLUDED.workos_directory_id
         RETURNING id`,
        [t.slug, t.legalName, t.workosOrganizationId, t.workosDirectoryId],
      );
      tenantIds.set(t.slug, row.id);
      if (hasProductKeys) await q.query('UPDATE tenants SET external_key = $2 WHERE id = $1 AND external_key IS NULL', [row.id, t.externalKey]);
      const [count] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM tenant_records WHERE tenant_id = $1', [row.id]);
      if (count.n === 0) {
        for (const r of t.records) {
          await q.query('INSERT INTO tenant_records (tenant_id, category, title, body) VALUES ($1, $2, $3, $4)', [row.id, r.category, r.title, r.body]);
        }
      }
    }
    const organizations: { tenantId: string | null; domain: string; roles: readonly { groupName: string; role: string }[] }[] = [
      { tenantId: null, domain: VENDOR_IDENTITY.domain, roles: DEMO_GROUP_ROLES.vendor },
      ...DEMO_TENANTS.map((t) => ({ tenantId: tenantIds.get(t.slug)!, domain: t.domain, roles: DEMO_GROUP_ROLES.tenant })),
    ];
    for (const org of organizations) {
      await q.query('INSERT INTO identity_domains (domain, tenant_id) VALUES ($1, $2) ON CONFLICT (domain) DO NOTHING', [org.domain, org.tenantId]);
      await q.query(
        'INSERT INTO identity_settings (tenant_id) SELECT $1::uuid WHERE NOT EXISTS (SELECT 1 FROM identity_settings WHERE tenant_id IS NOT DISTINCT FROM $1::uuid)',
        [org.tenantId],
      );
      for (const m of org.roles) {
        await q.query(
          `INSERT INTO group_role_mappings (tenant_id, group_name, role) SELECT $1::uuid, $2, $3
           WHERE NOT EXISTS (SELECT 1 FROM group_role_mappings WHERE tenant_id IS NOT DISTINCT FROM $1::uuid AND lower(group_name) = lower($2))`,
          [org.tenantId, m.groupName, m.role],
        );
      }
    }
    for (const a of DEMO_ACCOUNTS) {
      const tenantId = a.kind === 'customer' ? tenantIds.get(a.tenant) : null;
      await q.query(
        `INSERT INTO users (tenant_id, kind, role, email, name, directory_user_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, kind = EXCLUDED.kind,
           role = EXCLUDED.role, name = EXCLUDED.name, directory_user_id = EXCLUDED.directory_user_id,
           status = 'active', updated_at = now()`,
        [tenantId, a.kind, a.role, a.email, a.name, a.kind === 'customer' ? directoryUserId(a.email) : null],
      );
    }
    // The two designated break-glass holders (slots 1 and 2: emergency access stays with at most two people).
    await q.query(
      `INSERT INTO break_glass_holders (slot, user_id)
       SELECT h.slot, u.id FROM (VALUES (1, 'grace@vendor.example'), (2, 'heidi@vendor.example')) AS h (slot, email)
       JOIN users u ON u.email = h.email
       WHERE NOT EXISTS (SELECT 1 FROM break_glass_holders)`,
    );
    await seedPortal(q);
    return { tenants: DEMO_TENANTS.length, users: DEMO_ACCOUNTS.length };
  });
}
