import 'server-only';
import { sql } from 'drizzle-orm';
import { GOVERNANCE } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { queryRows } from '@/lib/db/raw';
import type { Database } from '@/lib/db/types';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { FORWARDING_EVENTS } from './events';
import { eventBody, signedMessage } from './message';
import { targetPolicy } from './policy';
import { retryDelayMs } from './schedule';
import { postWebhook, SEND_TIMEOUT_MS, type SendOutcome } from './send';
import type { TargetPolicy } from './targets';

const BATCH = 10;
// How long a claimed delivery is left to the instance sending it before another may try: the
// whole batch may go to one endpoint that never answers, one timeout after another.
const LEASE_MS = BATCH * (SEND_TIMEOUT_MS + 5_000);

interface Claimed {
  id: string;
  endpoint_id: string;
  attempts: number;
  url: string;
  secret: string;
  event_id: string;
  kind: string;
  json: string;
  hash: string;
  prev_hash: string;
}

export interface ForwardingOptions {
  policy: TargetPolicy;
  /** How a message is sent; tests may watch it. */
  send?: typeof postWebhook;
}

/**
 * Claims due deliveries in one short transaction as the log's machinery (SKIP LOCKED, then
 * leased by moving their next attempt), with everything needed to send them: the endpoint's URL
 * and secret and the event's canonical JSON and hashes. Two instances never claim the same one.
 */
async function claimDue(db: Database, clock: Clock): Promise<Claimed[]> {
  return withActor(
    db,
    GOVERNANCE,
    (tx) =>
      queryRows<Claimed>(
        tx,
        sql`with due as (
              select d.id from forwarding_deliveries d
              join forwarding_endpoints f on f.id = d.endpoint_id and f.enabled
              where d.state = 'pending' and d.next_attempt_at <= app_now()
              order by d.next_attempt_at, d.created_at
              limit ${BATCH}
              for update of d skip locked
            ), claimed as (
              update forwarding_deliveries d set next_attempt_at = app_now() + ${LEASE_MS} * interval '1 millisecond'
              from due where d.id = due.id
              returning d.id, d.endpoint_id, d.event_id, d.attempts, d.created_at
            )
            select c.id, c.endpoint_id, c.attempts, f.url, forwarding_signing_secret(f.id) as secret,
                   e.id as event_id, e.kind, governance_event_json(e) as json,
                   encode(e.hash, 'hex') as hash, encode(e.prev_hash, 'hex') as prev_hash
            from claimed c
            join forwarding_endpoints f on f.id = c.endpoint_id
            join governance_events e on e.id = c.event_id
            order by c.created_at, e.seq`,
      ),
    { now: clock.now() },
  );
}

/** An endpoint is disabled when nothing reached it for this long and a delivery then ran out of attempts. */
export const DISABLE_AFTER_MS = 5 * 24 * 3_600_000;

/**
 * Records one attempt. Only the claim that made it may record it (the attempt count is
 * unchanged since the claim), so an instance that outlived its lease changes nothing. When a
 * delivery runs out of attempts and its endpoint has delivered nothing for five days (or since
 * it was added, five days ago), the endpoint is disabled and the chain records it.
 */
async function record(db: Database, clock: Clock, delivery: Claimed, outcome: SendOutcome): Promise<'delivered' | 'retry' | 'failed'> {
  const attempts = delivery.attempts + 1;
  const delay = outcome.ok ? null : retryDelayMs(attempts);
  const state = outcome.ok ? 'delivered' : delay === null ? 'failed' : 'pending';
  const error = outcome.error === null ? null : outcome.error.slice(0, 200);
  await withActor(
    db,
    GOVERNANCE,
    async (tx) => {
      const recorded = await queryRows<{ id: string }>(
        tx,
        sql`update forwarding_deliveries set
              attempts = ${attempts},
              state = ${state},
              last_attempt_at = app_now(),
              last_status = ${outcome.status},
              last_error = ${error},
              delivered_at = ${outcome.ok ? sql`app_now()` : null},
              next_attempt_at = ${delay === null ? sql`next_attempt_at` : sql`app_now() + ${delay} * interval '1 millisecond'`}
            where id = ${delivery.id} and state = 'pending' and attempts = ${delivery.attempts}
            returning id`,
      );
      if (state !== 'failed' || recorded.length === 0) return;
      const reason = `No delivery succeeded for 5 days; the last attempt failed: ${error ?? 'unknown error'}.`;
      const [disabled] = await queryRows<{ id: string; tenant_id: string | null; url: string }>(
        tx,
        sql`update forwarding_endpoints f set enabled = false, disabled_reason = ${reason}
            where f.id = ${delivery.endpoint_id} and f.enabled
              and coalesce((select max(d.delivered_at) from forwarding_deliveries d where d.endpoint_id = f.id), f.created_at)
                  <= app_now() - ${DISABLE_AFTER_MS} * interval '1 millisecond'
            returning f.id, f.tenant_id, f.url`,
      );
      if (disabled) {
        await emitEvent(tx, {
          tenantId: disabled.tenant_id,
          kind: FORWARDING_EVENTS.disabled,
          subject: disabled.id,
          reason,
          payload: { endpoint: disabled.id, host: new URL(disabled.url).host },
        });
      }
    },
    { now: clock.now() },
  );
  return state === 'pending' ? 'retry' : state;
}

/**
 * Sends what is due: each endpoint's deliveries in the order of its chain, endpoints side by
 * side, with no transaction open while a receiver is slow. At least once: an instance that dies
 * between sending and recording sends again after the lease, with the same webhook-id.
 */
export async function deliverDueForwarding(
  db: Database,
  clock: Clock,
  { policy, send = postWebhook }: ForwardingOptions,
): Promise<{ delivered: number; retry: number; failed: number }> {
  const claimed = await claimDue(db, clock);
  const totals = { delivered: 0, retry: 0, failed: 0 };
  const byEndpoint = new Map<string, Claimed[]>();
  for (const c of claimed) byEndpoint.set(c.endpoint_id, [...(byEndpoint.get(c.endpoint_id) ?? []), c]);
  await Promise.all(
    [...byEndpoint.values()].map(async (deliveries) => {
      for (const delivery of deliveries) {
        const body = eventBody({ id: delivery.event_id, kind: delivery.kind, json: delivery.json, hash: delivery.hash, prevHash: delivery.prev_hash });
        const message = signedMessage(delivery.secret, delivery.event_id, clock.now(), body);
        const outcome = await send(delivery.url, message.headers, message.body, policy).catch((): SendOutcome => ({
          status: null,
          ok: false,
          error: 'the request failed',
        }));
        totals[await record(db, clock, delivery, outcome)]++;
      }
    }),
  );
  return totals;
}

/**
 * Drains the outbox every few seconds, as long as the process runs, as the log's machinery
 * (GOVERNANCE): the one actor that reads every chain and the endpoints' secrets.
 */
export function startForwarding(
  getDatabase: () => Promise<Database>,
  clock: Clock,
  options: ForwardingOptions = { policy: targetPolicy() },
  intervalMs = 3_000,
) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const db = await getDatabase();
      // A full batch means more may be due: keep going until the outbox is drained.
      for (;;) {
        const done = await deliverDueForwarding(db, clock, options);
        if (done.delivered + done.retry + done.failed < BATCH) break;
      }
    } catch (error) {
      console.error('[trust-center] forwarding governance events failed; it will be tried again', error);
    } finally {
      running = false;
    }
  };
  setInterval(run, intervalMs).unref();
}
