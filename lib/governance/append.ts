import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';

export interface GovernanceEventInput {
  /** The tenant whose chain records the event; null for the vendor chain. */
  tenantId: string | null;
  /** What happened, e.g. `lockbox.approved` or `support.break_glass_invoked`. */
  kind: string;
  /** What it happened to: an id, never personal data. */
  subject: string;
  /** Why, in the actor's words (a justification, a comment). */
  reason?: string;
  /** Facts of the event: ids, durations, counts. Never secrets or document contents. */
  payload?: Record<string, unknown>;
}

/**
 * The one way an event enters the governance log: through append_governance_event(), in the
 * same transaction as the change it records, so there is no change without its event. The
 * database stamps the actor, the time and the chain position.
 */
export async function appendEvent(tx: Tx, event: GovernanceEventInput): Promise<{ id: string; seq: number }> {
  const [row] = await queryRows<{ id: string; seq: string | number }>(
    tx,
    sql`select id, seq from append_governance_event(${event.tenantId}::uuid, ${event.kind}, ${event.subject}, ${event.reason ?? ''}, ${JSON.stringify(event.payload ?? {})}::jsonb)`,
  );
  return { id: row.id, seq: Number(row.seq) };
}
