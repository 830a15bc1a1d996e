import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { DEFAULT_POLICY } from './format';

export interface GovernanceEventInput {
  /** The tenant whose chain records the event; null for the vendor chain. */
  tenantId: string | null;
  /** What happened, e.g. `lockbox.approved` or `support.break_glass_invoked`. */
  kind: string;
  /** What it happened to: an id, never personal data. */
  subject: string;
  /** Why, in the actor's words (a justification, a comment). */
  reason?: string;
  /**
   * Facts of the event: ids, counts, enums. Strings, safe integers, booleans, null, arrays and
   * objects with [A-Za-z0-9_] keys; never floats, secrets, document contents, names or e-mails.
   */
  payload?: Record<string, unknown>;
  /** The policy or version in effect, e.g. `lockbox approvals=2`. */
  policy?: string;
  /** A user the event concerns, recorded as payload.user under their pseudonymous id. */
  aboutUserId?: string;
}

/**
 * The one way an event enters the governance log: through append_governance_event(), in the
 * same transaction as the change it records, so there is no change without its event. The
 * database stamps the actor and the time, and seals the event into its chain (sequence number
 * and hash) as the transaction commits.
 */
export async function appendEvent(tx: Tx, event: GovernanceEventInput): Promise<{ id: string }> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`select id from append_governance_event(${event.tenantId}::uuid, ${event.kind}, ${event.subject}, ${event.reason ?? ''}, ${JSON.stringify(event.payload ?? {})}::jsonb, ${event.policy ?? DEFAULT_POLICY}, ${event.aboutUserId ?? null}::uuid)`,
  );
  return { id: row.id };
}
