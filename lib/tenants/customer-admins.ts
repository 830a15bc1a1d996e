import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/raw';
import type { StaffActor } from '@/lib/core/actor';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';

/**
 * How many active customer admins each tenant has (tenants with none are missing or 0), as
 * staff may see it: counts only. A tenant without one cannot answer its lockbox requests.
 */
export async function customerAdminCounts(tx: Tx): Promise<Map<string, number>> {
  const rows = await queryRows<{ tenant_id: string; admins: string | number }>(tx, sql`select tenant_id, admins from tenant_customer_admin_counts()`);
  return new Map(rows.map((r) => [r.tenant_id, Number(r.admins)]));
}

export function noAdminWarning(legalName: string): string {
  return `${legalName} has no active customer admin, so nobody can approve or deny this request. Ask the customer to make someone an admin in their directory.`;
}

/** The tenant's active customer admins, counted for a staff member. */
export async function customerAdminCountOf(db: DbHandle, actor: StaffActor, tenantId: string): Promise<number> {
  const counts = await withActor(db, actor, customerAdminCounts, { readOnly: true });
  return counts.get(tenantId) ?? 0;
}
