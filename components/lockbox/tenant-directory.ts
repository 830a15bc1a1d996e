import 'server-only';
import type { StaffActor } from '@/lib/auth/actor';
import type { DbHandle } from '@/lib/db/with-actor';
import { type TenantRef, tenantBySlug } from '@/lib/lockbox/tenant';
import { listTenants } from '@/lib/tenants/list-tenants';

/**
 * Every tenant with its id, for naming the tenant of a request or session (those carry only
 * the id). listTenants does not return ids, so each is looked up by slug: fine for the
 * handful of tenants a trust center has.
 */
export async function tenantDirectory(db: DbHandle, actor: StaffActor): Promise<{ list: TenantRef[]; byId: Map<string, TenantRef> }> {
  const tenants = await listTenants(db, actor);
  const list = await Promise.all(tenants.map((t) => tenantBySlug(db, actor, t.slug)));
  return { list, byId: new Map(list.map((t) => [t.id, t])) };
}
