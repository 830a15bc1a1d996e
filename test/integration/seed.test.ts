import { expect, it } from 'vitest';
import { seedDemoData } from '@/lib/seed/seed';
import { describeEachDatabase } from '../helpers/databases';

describeEachDatabase('demo data', (t) => {
  it('carries the demo accounts’ WorkOS identities and can be loaded twice', async () => {
    await seedDemoData(t().admin);
    await seedDemoData(t().admin);
    const users = await t().admin.transaction((q) =>
      q.query<{ email: string; role: string; slug: string | null; directory_user_id: string | null }>(
        `SELECT u.email, u.role, t.slug, u.directory_user_id FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id ORDER BY u.email`,
      ),
    );
    expect(users).toHaveLength(7);
    expect(users.find((u) => u.email === 'carol@acme.example')).toEqual({
      email: 'carol@acme.example',
      role: 'customer_admin',
      slug: 'acme',
      directory_user_id: 'directory_user_carol',
    });
    const tenants = await t().admin.transaction((q) =>
      q.query('SELECT slug, legal_name, workos_organization_id, workos_directory_id FROM tenants ORDER BY slug'),
    );
    expect(tenants).toEqual([
      { slug: 'acme', legal_name: 'Acme Corp', workos_organization_id: 'org_acme', workos_directory_id: 'directory_acme' },
      { slug: 'globex', legal_name: 'Globex Inc', workos_organization_id: 'org_globex', workos_directory_id: 'directory_globex' },
    ]);
    const domains = await t().admin.transaction((q) =>
      q.query<{ domain: string; slug: string | null }>(
        'SELECT d.domain, t.slug FROM identity_domains d LEFT JOIN tenants t ON t.id = d.tenant_id ORDER BY d.domain',
      ),
    );
    expect(domains).toEqual([
      { domain: 'acme.example', slug: 'acme' },
      { domain: 'globex.example', slug: 'globex' },
      { domain: 'vendor.example', slug: null },
    ]);
    const [mappings] = await t().admin.transaction((q) => q.query<{ n: number }>('SELECT count(*)::int AS n FROM group_role_mappings'));
    expect(mappings.n).toBe(3 + 2 * 2);
  });
});
