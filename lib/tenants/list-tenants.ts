import 'server-only';
import { asc } from 'drizzle-orm';
import { tenants } from '@/drizzle/schema';
import type { StaffActor } from '@/lib/core/actor';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';
import { customerAdminCounts } from './customer-admins';

export interface TenantSummary {
  id: string;
  slug: string;
  legalName: string;
  createdAt: Date;
  /** Active customer admins: none means nobody can answer the tenant's lockbox requests. */
  customerAdmins: number;
}

/** The vendor's customers, for staff. */
export async function listTenants(db: DbHandle, actor: StaffActor): Promise<TenantSummary[]> {
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'Only vendor staff can list tenants.', 403);
  return withActor(
    db,
    actor,
    async (tx) => {
      const rows = await tx
        .select({ id: tenants.id, slug: tenants.slug, legalName: tenants.legalName, createdAt: tenants.createdAt })
        .from(tenants)
        .orderBy(asc(tenants.legalName));
      const admins = await customerAdminCounts(tx);
      return rows.map((t) => ({ ...t, customerAdmins: admins.get(t.id) ?? 0 }));
    },
    { readOnly: true },
  );
}
