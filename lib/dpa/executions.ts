import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { dpaExecutions, dpaVersions, tenants } from '@/drizzle/schema';
import type { Actor, CustomerActor } from '@/lib/core/actor';
import { asTrustAdmin } from '@/lib/auth/trust-admin';
import { pgErrorCode } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { parseInput } from '@/lib/core/parse-input';
import { text } from '@/lib/portal/input';
import type { DpaContent } from './content';
import type { Ctx, DbActor } from '@/lib/db/ctx';

/** A tenant's execution of a DPA version (JSON-safe). */
export interface DpaExecution {
  id: string;
  tenantId: string;
  version: number;
  dpaVersionId: string;
  customerLegalName: string;
  signerName: string;
  signerTitle: string;
  signerEmail: string;
  executedAt: string;
}

export interface ExecutedDpa extends DpaExecution {
  content: DpaContent;
  contentSha256: string;
  publishedAt: string;
}

export const EXECUTE_FIELD_MESSAGES = {
  signerName: 'Enter your full name as it should appear on the agreement, up to 200 characters.',
  signerTitle: 'Enter your job title, up to 200 characters.',
  authority: 'Confirm that you may sign on behalf of your organization.',
} as const;
const M = EXECUTE_FIELD_MESSAGES;

const executeInput = z.object({
  signerName: text(M.signerName, { min: 1, max: 200 }),
  signerTitle: text(M.signerTitle, { min: 1, max: 200 }),
  authority: z.union([z.literal(true), z.literal('on'), z.literal('yes'), z.literal('true')], M.authority),
});

function customerOf(actor: Actor, message: string): CustomerActor {
  if (actor.kind !== 'customer') throw new AppError('forbidden', message, 403);
  return actor;
}

const columns = {
  id: dpaExecutions.id,
  tenantId: dpaExecutions.tenantId,
  version: dpaVersions.version,
  dpaVersionId: dpaExecutions.dpaVersionId,
  customerLegalName: dpaExecutions.customerLegalName,
  signerName: dpaExecutions.signerName,
  signerTitle: dpaExecutions.signerTitle,
  signerEmail: dpaExecutions.signerEmail,
  executedAt: dpaExecutions.executedAt,
};
const toExecution = (r: { executedAt: Date } & Omit<DpaExecution, 'executedAt'>): DpaExecution => ({ ...r, executedAt: r.executedAt.toISOString() });

/**
 * A customer admin executes the DPA version in force for their tenant, signing with their name
 * and title. The tenant's legal name is recorded as it is now. Refused for anyone else (the
 * database checks the role again), and when the tenant executed this version already.
 */
export async function executeDpa({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<DpaExecution> {
  const customer = customerOf(actor, 'Only a customer admin can execute the DPA for their organization.');
  if (customer.role !== 'customer_admin') {
    throw new AppError('forbidden', `Only ${customer.tenantName}’s customer admins can execute the DPA. Ask one of them to sign it.`, 403);
  }
  const input = parseInput(executeInput, data);
  try {
    return await withActor(db, customer, async (tx) => {
      const [version] = await tx.select().from(dpaVersions).orderBy(desc(dpaVersions.version)).limit(1);
      if (!version) throw new AppError('no_dpa', 'No DPA has been published yet.', 409);
      const [tenant] = await tx.select({ legalName: tenants.legalName }).from(tenants).where(eq(tenants.id, customer.tenantId));
      const [row] = await tx
        .insert(dpaExecutions)
        .values({
          tenantId: customer.tenantId,
          dpaVersionId: version.id,
          customerLegalName: tenant.legalName,
          signerName: input.signerName,
          signerTitle: input.signerTitle,
          signerEmail: customer.email,
          executedBy: customer.userId,
          executedAt: clock.now(),
        })
        .returning();
      await emitEvent(tx, {
        tenantId: customer.tenantId,
        kind: 'dpa.executed',
        subject: row.id,
        payload: { execution: row.id, dpaVersion: version.id, version: version.version },
      });
      return toExecution({ ...row, version: version.version });
    });
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw new AppError('already_executed', `${customer.tenantName} has executed this version of the DPA already.`, 409);
    if (pgErrorCode(error) === '42501') throw new AppError('forbidden', 'Your account may no longer execute the DPA.', 403);
    throw error;
  }
}

/** The caller's tenant's executions, newest first (customer users). */
export async function listTenantExecutions({ db, actor }: DbActor<Actor>): Promise<DpaExecution[]> {
  const customer = customerOf(actor, 'Only customer users have executed DPAs.');
  const rows = await withActor(
    db,
    customer,
    (tx) =>
      tx.select(columns).from(dpaExecutions).innerJoin(dpaVersions, eq(dpaVersions.id, dpaExecutions.dpaVersionId)).orderBy(desc(dpaExecutions.executedAt)),
    { readOnly: true },
  );
  return rows.map(toExecution);
}

/** Every tenant's executions, newest first, with the tenant's slug (trust admins). */
export async function listAllExecutions(db: DbHandle, actor: Actor): Promise<(DpaExecution & { tenantSlug: string })[]> {
  const admin = asTrustAdmin(actor);
  const rows = await withActor(
    db,
    admin,
    (tx) =>
      tx
        .select({ ...columns, tenantSlug: tenants.slug })
        .from(dpaExecutions)
        .innerJoin(dpaVersions, eq(dpaVersions.id, dpaExecutions.dpaVersionId))
        .innerJoin(tenants, eq(tenants.id, dpaExecutions.tenantId))
        .orderBy(desc(dpaExecutions.executedAt)),
    { readOnly: true },
  );
  return rows.map((r) => ({ ...toExecution(r), tenantSlug: r.tenantSlug }));
}

/**
 * One execution of the caller's tenant with the terms signed: the given one, or the latest.
 * Null when there is none, or when the id is another tenant's (RLS hides it).
 */
export async function readExecutedDpa(db: DbHandle, actor: Actor, executionId?: string): Promise<ExecutedDpa | null> {
  const customer = customerOf(actor, 'Only customer users can download their executed DPA.');
  if (executionId !== undefined && !z.uuid().safeParse(executionId).success) return null;
  const [row] = await withActor(
    db,
    customer,
    (tx) =>
      tx
        .select({ ...columns, content: dpaVersions.content, contentSha256: dpaVersions.contentSha256, publishedAt: dpaVersions.publishedAt })
        .from(dpaExecutions)
        .innerJoin(dpaVersions, eq(dpaVersions.id, dpaExecutions.dpaVersionId))
        .where(executionId ? eq(dpaExecutions.id, executionId) : undefined)
        .orderBy(desc(dpaExecutions.executedAt))
        .limit(1),
    { readOnly: true },
  );
  return row ? { ...toExecution(row), content: row.content as DpaContent, contentSha256: row.contentSha256, publishedAt: row.publishedAt.toISOString() } : null;
}

/** A copy of the tenant's executed DPA handed to one of its users: `dpa.downloaded` in the tenant's chain. */
export async function recordDpaDownload(db: DbHandle, actor: CustomerActor, executed: Pick<DpaExecution, 'id' | 'dpaVersionId' | 'version'>) {
  await withActor(db, actor, (tx) =>
    emitEvent(tx, {
      tenantId: actor.tenantId,
      kind: 'dpa.downloaded',
      subject: executed.id,
      payload: { execution: executed.id, dpaVersion: executed.dpaVersionId, version: executed.version },
    }),
  );
}
