import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/drizzle/schema';
import type { StaffActor } from '@/lib/core/actor';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { noteActingOn } from '@/lib/governance/refusal-scope';
import { AppError } from '@/lib/core/errors';

export interface TenantRef {
  id: string;
  slug: string;
  legalName: string;
}

/** A tenant by its slug, as staff see it (every tenant's name, none of its data), or a 404. */
export async function tenantBySlug(db: DbHandle, actor: StaffActor, slug: string): Promise<TenantRef & { externalKey: string | null }> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw noSuchTenant();
  const [tenant] = await withActor(
    db,
    actor,
    (tx) =>
      tx
        .select({ id: tenants.id, slug: tenants.slug, legalName: tenants.legalName, externalKey: tenants.externalKey })
        .from(tenants)
        .where(eq(tenants.slug, slug)),
    { readOnly: true },
  );
  if (!tenant) throw noSuchTenant();
  return tenant;
}

function noSuchTenant() {
  return new AppError('not_found', 'There is no such tenant.', 404);
}

/**
 * The staff actor acting on a tenant: what sets app.tenant_id for the lockbox policies. From
 * here on, a refusal of the request lands in that tenant's governance log.
 */
export function actingOn(actor: StaffActor, tenant: { id: string }): StaffActor {
  noteActingOn(tenant.id);
  return { ...actor, actingOnTenantId: tenant.id };
}
