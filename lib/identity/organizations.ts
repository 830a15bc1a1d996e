import 'server-only';
import { eq, isNull } from 'drizzle-orm';
import { identityDomains, identitySettings, tenants } from '@/drizzle/schema';
import type { AuthActor } from '@/lib/core/actor';
import type { Config } from '@/lib/core/config';
import { withActor, type DbHandle } from '@/lib/db/with-actor';

const AUTH: AuthActor = { kind: 'auth' };

/** A WorkOS organization as this deployment knows it: a tenant, or the vendor (tenantId null). */
export interface Organization {
  tenantId: string | null;
  workosOrganizationId: string;
}

type VendorIds = Pick<Config['workos'], 'vendorOrganizationId' | 'vendorDirectoryId'>;

/** The organization that owns an e-mail domain, for routing a sign-in. */
export async function organizationForDomain(db: DbHandle, vendor: VendorIds, domain: string): Promise<Organization | null> {
  const [row] = await withActor(
    db,
    AUTH,
    (tx) =>
      tx
        .select({ tenantId: identityDomains.tenantId, orgId: tenants.workosOrganizationId })
        .from(identityDomains)
        .leftJoin(tenants, eq(tenants.id, identityDomains.tenantId))
        .where(eq(identityDomains.domain, domain.toLowerCase()))
        .limit(1),
    { readOnly: true },
  );
  if (!row) return null;
  if (row.tenantId === null) return { tenantId: null, workosOrganizationId: vendor.vendorOrganizationId };
  return row.orgId ? { tenantId: row.tenantId, workosOrganizationId: row.orgId } : null;
}

/** The organization behind a WorkOS organization id, or null when it is not one of ours. */
export async function organizationForWorkosId(db: DbHandle, vendor: VendorIds, organizationId: string): Promise<Organization | null> {
  if (organizationId === vendor.vendorOrganizationId) return { tenantId: null, workosOrganizationId: organizationId };
  const [row] = await withActor(
    db,
    AUTH,
    (tx) => tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.workosOrganizationId, organizationId)).limit(1),
    { readOnly: true },
  );
  return row ? { tenantId: row.id, workosOrganizationId: organizationId } : null;
}

/** The organization whose directory this is: a tenant's, the vendor's (tenantId null), or none. */
export async function organizationForDirectory(db: DbHandle, vendor: VendorIds, directoryId: string): Promise<{ tenantId: string | null } | null> {
  if (directoryId === vendor.vendorDirectoryId) return { tenantId: null };
  const [row] = await withActor(db, AUTH, (tx) => tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.workosDirectoryId, directoryId)).limit(1), {
    readOnly: true,
  });
  return row ? { tenantId: row.id } : null;
}

/** Whether SSO may create a user the directory has not provisioned (off unless an admin turned it on). */
export async function allowsJitProvisioning(db: DbHandle, tenantId: string | null): Promise<boolean> {
  const [row] = await withActor(
    db,
    AUTH,
    (tx) =>
      tx
        .select({ allow: identitySettings.allowJitProvisioning })
        .from(identitySettings)
        .where(tenantId === null ? isNull(identitySettings.tenantId) : eq(identitySettings.tenantId, tenantId)),
    { readOnly: true },
  );
  return row?.allow ?? false;
}
