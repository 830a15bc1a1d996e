import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceActor } from '@/lib/core/actor';
import type { Ctx } from '@/lib/db/ctx';
import { queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';

export const MAX_WAIT_SECONDS = 30;
/** How often a waiting request looks again: a revocation reaches a waiting consumer within this. */
export const POLL_MS = 250;

export const feedQuery = z.object({
  after: z
    .string({ error: 'The cursor is the `cursor` of the last change you have.' })
    .regex(/^(0|[1-9][0-9]{0,17})$/, 'The cursor is the `cursor` of the last change you have (a whole number; 0 from the start).')
    .default('0'),
  limit: z.coerce
    .number({ error: 'The limit is a whole number from 1 to 1000.' })
    .int('The limit is a whole number from 1 to 1000.')
    .min(1, 'The limit is a whole number from 1 to 1000.')
    .max(1000, 'The limit is a whole number from 1 to 1000.')
    .default(100),
  wait: z.coerce
    .number({ error: `Wait is a number of seconds from 0 to ${MAX_WAIT_SECONDS}.` })
    .min(0, `Wait is a number of seconds from 0 to ${MAX_WAIT_SECONDS}.`)
    .max(MAX_WAIT_SECONDS, `Wait is a number of seconds from 0 to ${MAX_WAIT_SECONDS}.`)
    .default(0),
});

export interface GrantChange {
  /** Resume after this change with `after=<cursor>`. */
  cursor: string;
  change: 'approved' | 'revoked' | 'expired' | 'opened' | 'ended';
  grant: { id: string; kind: 'lockbox' | 'break_glass'; access: 'read' | 'read_write'; startsAt: string; endsAt: string };
  /** The tenant's key in your product; null while no trust admin has set one. */
  tenant: string | null;
  staff: { id: string; email: string; directoryUserId: string | null };
  occurredAt: string;
}

interface Row {
  seq: string | number;
  change: GrantChange['change'];
  grant_kind: GrantChange['grant']['kind'];
  grant_id: string;
  access: GrantChange['grant']['access'];
  starts_at: Date | string;
  ends_at: Date | string;
  occurred_at: Date | string;
  tenant_key: string | null;
  staff_id: string;
  staff_email: string;
  staff_directory_user_id: string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

async function read({ db, actor }: Ctx<ServiceActor>, after: string, limit: number): Promise<GrantChange[]> {
  const rows = await withActor(db, actor, (tx) => queryRows<Row>(tx, sql`select * from service_grant_changes(${after}::bigint, ${limit})`), { readOnly: true });
  return rows.map((r) => ({
    cursor: String(r.seq),
    change: r.change,
    grant: { id: r.grant_id, kind: r.grant_kind, access: r.access, startsAt: iso(r.starts_at), endsAt: iso(r.ends_at) },
    tenant: r.tenant_key,
    staff: { id: r.staff_id, email: r.staff_email, directoryUserId: r.staff_directory_user_id },
    occurredAt: iso(r.occurred_at),
  }));
}

/**
 * The grant changes after `after`, oldest first, in the order they committed. With `wait`, an
 * empty answer waits up to that many seconds for the next change (long polling), looking again
 * every POLL_MS, and ends early when the caller goes away.
 */
export async function grantChanges(
  ctx: Ctx<ServiceActor>,
  query: z.output<typeof feedQuery>,
  signal?: AbortSignal,
): Promise<{ changes: GrantChange[]; cursor: string }> {
  const until = Date.now() + query.wait * 1000;
  for (;;) {
    const changes = await read(ctx, query.after, query.limit);
    const left = until - Date.now();
    if (changes.length || left <= 0 || signal?.aborted) return { changes, cursor: changes.at(-1)?.cursor ?? query.after };
    await sleep(Math.min(POLL_MS, left), undefined, { signal }).catch(() => undefined);
  }
}
