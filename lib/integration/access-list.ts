import 'server-only';
import { count, desc, eq, inArray } from 'drizzle-orm';
import { accessReports, lockboxRequests } from '@/drizzle/schema';
import type { CustomerActor } from '@/lib/core/actor';
import type { DbActor } from '@/lib/db/ctx';
import { withActor } from '@/lib/db/with-actor';

export interface ReportedAccess {
  id: string;
  occurredAt: Date;
  /** The staff member as the vendor's system named them. */
  staff: string;
  action: 'read' | 'write';
  resource: string;
  records: string[];
  covered: boolean;
  grantKind: 'lockbox' | 'break_glass' | null;
  grantId: string | null;
  /** The lockbox request's ticket, for a lockbox grant. */
  ticket: string | null;
}

/** The accesses the vendor's product reported to the customer's tenant, newest first. */
export async function listReportedAccesses({ db, actor }: DbActor<CustomerActor>, { limit, offset }: { limit: number; offset: number }) {
  return withActor(
    db,
    actor,
    async (tx) => {
      const rows = await tx
        .select({
          id: accessReports.id,
          occurredAt: accessReports.occurredAt,
          staff: accessReports.staffRef,
          action: accessReports.action,
          resource: accessReports.resource,
          records: accessReports.records,
          covered: accessReports.covered,
          grantKind: accessReports.grantKind,
          grantId: accessReports.grantId,
          ticket: lockboxRequests.ticket,
        })
        .from(accessReports)
        .leftJoin(lockboxRequests, eq(lockboxRequests.id, accessReports.grantId))
        .orderBy(desc(accessReports.occurredAt), desc(accessReports.id))
        .limit(limit)
        .offset(offset);
      const total = await tx.$count(accessReports);
      return { accesses: rows satisfies ReportedAccess[], total };
    },
    { readOnly: true },
  );
}

/** How many accesses were reported under each of these grants. */
export async function accessCountsByGrant({ db, actor }: DbActor<CustomerActor>, grantIds: string[]): Promise<Map<string, number>> {
  if (!grantIds.length) return new Map();
  const rows = await withActor(
    db,
    actor,
    (tx) =>
      tx
        .select({ grantId: accessReports.grantId, n: count() })
        .from(accessReports)
        .where(inArray(accessReports.grantId, grantIds))
        .groupBy(accessReports.grantId),
    { readOnly: true },
  );
  return new Map(rows.map((r) => [r.grantId!, r.n]));
}
