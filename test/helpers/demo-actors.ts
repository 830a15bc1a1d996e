import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import type { AdminConnection } from '@/lib/db/types';

/** A seeded demo account as the verified actor the app would build for it. */
export async function demoActor(admin: AdminConnection, email: string): Promise<CustomerActor | StaffActor> {
  const [u] = await admin.transaction((q) =>
    q.query<{ id: string; kind: 'staff' | 'customer'; role: string; name: string; tenant_id: string | null; slug: string | null; legal_name: string | null }>(
      `SELECT u.id, u.kind, u.role, u.name, u.tenant_id, t.slug, t.legal_name FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id WHERE u.email = $1`,
      [email],
    ),
  );
  if (!u) throw new Error(`no demo account ${email}`);
  if (u.kind === 'staff') return { kind: 'staff', userId: u.id, email, name: u.name, role: u.role as StaffActor['role'] };
  return {
    kind: 'customer',
    userId: u.id,
    email,
    name: u.name,
    role: u.role as CustomerActor['role'],
    tenantId: u.tenant_id!,
    tenantSlug: u.slug!,
    tenantName: u.legal_name!,
  };
}
