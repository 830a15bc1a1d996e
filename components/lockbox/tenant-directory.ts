import 'server-only';
import type { StaffActor } from '@/lib/core/actor';
import type { DbHandle } from '@/lib/db/with-actor';
import type { TenantRef } from '@/lib/lockbox/tenant';
import { listTenants } from '@/lib/tenants/list-tenants';

/** Every tenant, and a lookup by id for naming the tenant of a request or session (those carry only the id). */
export async function tenantDirectory(db: DbHandle, actor: StaffActor): Promise<{ list: TenantRef[]; byId: Map<string, TenantRef> }> {
  const list = await listTenants(db, actor);
  return { list, byId: new Map(list.map((t) => [t.id, t])) };
}
