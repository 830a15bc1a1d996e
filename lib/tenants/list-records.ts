import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { tenantRecords } from '@/drizzle/schema';
import type { CustomerActor } from '@/lib/core/actor';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';

export interface RecordSummary {
  id: string;
  category: string;
  title: string;
  body: string;
  updatedAt: Date;
}

/** The columns of a record as every list of records shows it. */
export const recordColumns = {
  id: tenantRecords.id,
  category: tenantRecords.category,
  title: tenantRecords.title,
  body: tenantRecords.body,
  updatedAt: tenantRecords.updatedAt,
};

/** A tenant's own confidential records, for its users. RLS enforces the same; the WHERE is a second guard. */
export async function listOwnRecords(db: DbHandle, actor: CustomerActor): Promise<RecordSummary[]> {
  if (actor.kind !== 'customer') throw new AppError('forbidden', 'Only the tenant’s own users can list its records here.', 403);
  return withActor(
    db,
    actor,
    (tx) =>
      tx
        .select(recordColumns)
        .from(tenantRecords)
        .where(eq(tenantRecords.tenantId, actor.tenantId))
        .orderBy(asc(tenantRecords.category), asc(tenantRecords.title)),
    { readOnly: true },
  );
}
