import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceActor } from '@/lib/core/actor';
import { formatDateTime } from '@/lib/core/dates';
import { AppError } from '@/lib/core/errors';
import type { Ctx } from '@/lib/db/ctx';
import { queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { decisionInput } from './decision';

const DAY_MS = 86_400_000;
/** How far back an access may be reported (an agent catching up after an outage), and the clock skew allowed ahead. */
export const REPORT_WINDOW_DAYS = 30;
const SKEW_MS = 60_000;

export const reportInput = z
  .object({
    reportId: z
      .string({ error: 'Give the access your own id (reportId): a report sent again with it is kept once.' })
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'The reportId is 1 to 128 letters, digits and . _ : -.'),
    tenant: decisionInput.shape.tenant,
    staff: decisionInput.shape.staff,
    action: z.enum(['read', 'write'], { error: 'The action is read or write.' }),
    resource: z
      .string({ error: 'Name what was reached (e.g. invoices).' })
      .trim()
      .min(1, 'Name what was reached (e.g. invoices).')
      .max(200, 'The resource is at most 200 characters.'),
    records: z
      .array(z.string().trim().min(1).max(200), { error: 'The records are a list of ids.' })
      .max(100, 'At most 100 record ids per report: send several reports.')
      .default([]),
    occurredAt: z.iso.datetime({ offset: true, error: 'occurredAt is an ISO 8601 time (e.g. 2026-12-08T09:12:31Z).' }),
  })
  .strict();

export interface AccessReport {
  id: string;
  reportId: string;
  covered: boolean;
  grant: { id: string; kind: 'lockbox' | 'break_glass' } | null;
  occurredAt: string;
  /** Whether this report was already received (sent again): nothing new was recorded. */
  duplicate: boolean;
}

interface Row {
  id: string;
  report_id: string;
  covered: boolean;
  grant_id: string | null;
  grant_kind: 'lockbox' | 'break_glass' | null;
  staff_id: string | null;
  occurred_at: Date | string;
  inserted: boolean;
}

/**
 * Records an access the product made to a tenant's data. The database judges which grant
 * covered it at the time it happened; the report lands in the tenant's governance log as
 * `integration.access_reported`, and one that no grant covered is told to the tenant's admins
 * at once (console and mail). A report sent again with the same reportId changes nothing.
 */
export async function reportAccess({ db, clock, actor }: Ctx<ServiceActor>, input: z.output<typeof reportInput>): Promise<AccessReport> {
  const now = clock.now().getTime();
  const at = new Date(input.occurredAt);
  if (at.getTime() > now + SKEW_MS || at.getTime() < now - REPORT_WINDOW_DAYS * DAY_MS) {
    throw new AppError('invalid_occurredAt', `occurredAt must be within the last ${REPORT_WINDOW_DAYS} days, and not in the future.`, 400);
  }
  const [tenant] = await withActor(db, actor, (tx) => queryRows<{ id: string | null }>(tx, sql`select service_tenant_id(${input.tenant}) as id`), {
    readOnly: true,
  });
  if (!tenant?.id) throw new AppError('unknown_tenant', 'No tenant has this key. Trust admins set each tenant’s key on its page in the staff console.', 404);
  const staffRef = input.staff.email ?? input.staff.directoryUserId!;
  return withActor(db, { ...actor, tenantId: tenant.id }, async (tx) => {
    const [row] = await queryRows<Row>(
      tx,
      sql`with added as (
            insert into access_reports (tenant_id, service_account_id, report_id, staff_ref, action, resource, records, occurred_at)
            values (${tenant.id}::uuid, ${actor.serviceAccountId}::uuid, ${input.reportId}, ${staffRef}, ${input.action}, ${input.resource},
                    array(select jsonb_array_elements_text(${JSON.stringify(input.records)}::jsonb)), ${at.toISOString()}::timestamptz)
            on conflict (service_account_id, report_id) do nothing
            returning id, report_id, covered, grant_id, grant_kind, staff_id, occurred_at, true as inserted)
          select * from added
          union all
          select id, report_id, covered, grant_id, grant_kind, staff_id, occurred_at, false from access_reports
          where service_account_id = ${actor.serviceAccountId}::uuid and report_id = ${input.reportId} and not exists (select 1 from added)`,
    );
    if (!row) throw new AppError('report_conflict', 'This reportId was used for another tenant. Give each access its own id.', 409);
    const report: AccessReport = {
      id: row.id,
      reportId: row.report_id,
      covered: row.covered,
      grant: row.grant_id && row.grant_kind ? { id: row.grant_id, kind: row.grant_kind } : null,
      occurredAt: new Date(row.occurred_at).toISOString(),
      duplicate: !row.inserted,
    };
    if (report.duplicate) return report;
    await emitEvent(tx, {
      tenantId: tenant.id,
      kind: 'integration.access_reported',
      subject: report.grant?.id ?? 'none',
      aboutUserId: row.staff_id ?? undefined,
      payload: {
        serviceAccount: actor.serviceAccountId,
        report: report.id,
        reportId: report.reportId,
        action: input.action,
        resource: input.resource,
        records: input.records,
        occurredAt: report.occurredAt,
        covered: report.covered,
        grant: report.grant?.id ?? null,
        grantKind: report.grant?.kind ?? null,
      },
    });
    if (!report.covered) {
      await tx.execute(
        sql`select notify_uncovered_access(${report.id}::uuid,
              ${`A ${input.action} of your data without an active grant was reported`},
              ${`${actor.name} reported that ${staffRef} made a ${input.action} of ${input.resource}${input.records.length ? ` (${input.records.length} record${input.records.length === 1 ? '' : 's'})` : ''} at ${formatDateTime(at)}, when no lockbox grant or break-glass session of theirs covered it. It is recorded in your governance log. Revoke any access you did not expect, and ask the vendor to explain.`})`,
      );
    }
    return report;
  });
}
