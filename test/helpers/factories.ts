import { randomBytes } from 'node:crypto';
import type { CustomerActor, StaffActor } from '@/lib/auth/actor';
import type { CustomerRole, StaffRole } from '@/drizzle/schema';
import type { AdminConnection } from '@/lib/db/types';

const unique = () => randomBytes(4).toString('hex');

export async function createTenant(admin: AdminConnection, name = `Tenant ${unique()}`) {
  const slug = `t-${unique()}`;
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string }>('INSERT INTO tenants (slug, legal_name) VALUES ($1, $2) RETURNING id', [slug, name]),
  );
  return { id: row.id, slug, legalName: name };
}

export async function createCustomer(
  admin: AdminConnection,
  tenant: { id: string; slug: string; legalName: string },
  role: CustomerRole = 'customer_admin',
): Promise<CustomerActor> {
  const email = `user-${unique()}@${tenant.slug}.example`;
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string }>(
      `INSERT INTO users (tenant_id, kind, role, email, name) VALUES ($1, 'customer', $2, $3, 'Test Customer') RETURNING id`,
      [tenant.id, role, email],
    ),
  );
  return {
    kind: 'customer',
    userId: row.id,
    email,
    name: 'Test Customer',
    role,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    tenantName: tenant.legalName,
  };
}

export async function createStaff(admin: AdminConnection, role: StaffRole = 'support'): Promise<StaffActor> {
  const email = `staff-${unique()}@vendor.example`;
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string }>(`INSERT INTO users (kind, role, email, name) VALUES ('staff', $1, $2, 'Test Staff') RETURNING id`, [
      role,
      email,
    ]),
  );
  return { kind: 'staff', userId: row.id, email, name: 'Test Staff', role };
}

export async function createRecord(admin: AdminConnection, tenantId: string, title = `Record ${unique()}`) {
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string }>(
      `INSERT INTO tenant_records (tenant_id, category, title, body) VALUES ($1, 'Test', $2, 'confidential') RETURNING id`,
      [tenantId, title],
    ),
  );
  return row.id;
}
