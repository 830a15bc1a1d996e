import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceActor } from '@/lib/core/actor';
import { AppError } from '@/lib/core/errors';
import type { Ctx } from '@/lib/db/ctx';
import { queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { EventCoalescer } from '@/lib/governance/coalesce';
import { emitEvent } from '@/lib/governance/emit';

export const decisionInput = z
  .object({
    tenant: z
      .string({ error: 'Name the tenant by the key your product knows it by.' })
      .trim()
      .min(1, 'Name the tenant by the key your product knows it by.')
      .max(128, 'A tenant key is at most 128 characters.'),
    staff: z
      .object(
        {
          email: z.email({ error: 'The staff member’s e-mail address is not valid.' }).max(320).optional(),
          directoryUserId: z.string().trim().min(1).max(200, 'A directory user id is at most 200 characters.').optional(),
        },
        { error: 'Name the staff member: {"email": ...} or {"directoryUserId": ...}.' },
      )
      .refine((s) => (s.email === undefined) !== (s.directoryUserId === undefined), 'Name the staff member by e-mail or by directory user id, not both.'),
    access: z.enum(['read', 'read_write'], { error: 'The access asked for is read or read_write.' }).default('read'),
  })
  .strict();

export type DecisionInput = z.output<typeof decisionInput>;

export interface Grant {
  id: string;
  kind: 'lockbox' | 'break_glass';
  access: 'read' | 'read_write';
  startsAt: string;
  endsAt: string;
}

export interface Decision {
  allowed: boolean;
  /** Why: `granted`, `no_grant`, `insufficient_access` (a read grant for a write), `unknown_staff`. */
  reason: 'granted' | 'no_grant' | 'insufficient_access' | 'unknown_staff';
  /** The trust center's id for the staff member (the `sub` of grant tokens); null when unknown. */
  staffId: string | null;
  /** The grant that answers, when one is active (also when it does not reach the access asked). */
  grant: Grant | null;
  checkedAt: string;
}

interface Row {
  tenant_id: string;
  staff_id: string | null;
  grant_kind: Grant['kind'] | null;
  grant_id: string | null;
  access: Grant['access'] | null;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
}

/** The same answers to the same system about the same person are recorded at most once a minute. */
export const DECISIONS = new EventCoalescer(60_000, 10_000);

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * May this staff member reach this tenant's data now, with the access asked? The database
 * answers (service_staff_access, the rule that guards the portal's own tenant data) and the
 * answer is recorded in the tenant's chain as `integration.access_checked` before it is given:
 * an answer that cannot be recorded is not given.
 */
export async function decideAccess({ db, clock, actor }: Ctx<ServiceActor>, input: DecisionInput, coalescer = DECISIONS): Promise<Decision> {
  const now = clock.now();
  const [row] = await withActor(
    db,
    actor,
    (tx) => queryRows<Row>(tx, sql`select * from service_staff_access(${input.tenant}, ${input.staff.email ?? null}, ${input.staff.directoryUserId ?? null})`),
    { readOnly: true, now },
  );
  if (!row) throw new AppError('unknown_tenant', 'No tenant has this key. Trust admins set each tenant’s key on its page in the staff console.', 404);
  const grant: Grant | null =
    row.grant_id && row.grant_kind && row.access && row.starts_at && row.ends_at
      ? { id: row.grant_id, kind: row.grant_kind, access: row.access, startsAt: iso(row.starts_at), endsAt: iso(row.ends_at) }
      : null;
  const reason: Decision['reason'] = !row.staff_id
    ? 'unknown_staff'
    : !grant
      ? 'no_grant'
      : input.access === 'read_write' && grant.access !== 'read_write'
        ? 'insufficient_access'
        : 'granted';
  const decision: Decision = { allowed: reason === 'granted', reason, staffId: row.staff_id, grant, checkedAt: now.toISOString() };
  await record({ db, clock, actor: { ...actor, tenantId: row.tenant_id } }, row.staff_id, input.access, decision, coalescer);
  return decision;
}

async function record({ db, actor }: Ctx<ServiceActor>, staffId: string | null, access: string, decision: Decision, coalescer: EventCoalescer) {
  const key = [actor.serviceAccountId, actor.tenantId, staffId ?? 'unknown', access, decision.reason, decision.grant?.id ?? 'none'].join(' ');
  const admitted = coalescer.admit(key, Date.now());
  if (!admitted.write) return;
  try {
    await withActor(db, actor, (tx) =>
      emitEvent(tx, {
        tenantId: actor.tenantId!,
        kind: 'integration.access_checked',
        subject: decision.grant?.id ?? 'none',
        aboutUserId: staffId ?? undefined,
        payload: {
          serviceAccount: actor.serviceAccountId,
          access,
          reason: decision.reason,
          allowed: decision.allowed,
          grant: decision.grant?.id ?? null,
          grantKind: decision.grant?.kind ?? null,
          suppressed: admitted.suppressed,
        },
      }),
    );
  } catch (error) {
    coalescer.failed(key, admitted.suppressed);
    throw error;
  }
}
