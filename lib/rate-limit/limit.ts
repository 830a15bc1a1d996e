import 'server-only';
import { sql } from 'drizzle-orm';
import { SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { queryRows } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { RateLimitedError } from '@/lib/core/errors';

export interface RateRule {
  /** At most this many requests ... */
  limit: number;
  /** ... per fixed window of this many seconds. */
  windowSeconds: number;
}

/**
 * Counts one request against `bucket` and refuses it past the rule's limit. The counter is
 * one upserted row per bucket and window, so every app instance on the database shares it.
 * (Fixed windows: a burst of up to twice the limit can straddle a boundary, which is fine for
 * keeping forms from being flooded.)
 */
export async function hitRateLimit(db: DbHandle, bucket: string, rule: RateRule, clock: Clock) {
  const { now, windowMs, windowStart } = windowOf(rule, clock);
  const hits = await withActor(db, SYSTEM, async (tx) => {
    const [row] = await queryRows<{ hits: number }>(
      tx,
      sql`
      INSERT INTO rate_limits (bucket, window_start, hits) VALUES (${bucket}, ${windowStart.toISOString()}, 1)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
      RETURNING hits`,
    );
    // Old windows are dropped now and then by whoever passes by.
    if (Math.random() < 0.01) await tx.execute(sql`DELETE FROM rate_limits WHERE window_start < ${new Date(now - 86_400_000).toISOString()}`);
    return Number(row.hits);
  });
  if (hits > rule.limit) throw new RateLimitedError(Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)));
}

function windowOf(rule: RateRule, clock: Clock) {
  const now = clock.now().getTime();
  const windowMs = rule.windowSeconds * 1000;
  return { now, windowMs, windowStart: new Date(Math.floor(now / windowMs) * windowMs) };
}

/** How many times `bucket` was counted in the rule's current window (without counting). */
export async function countInWindow(db: DbHandle, bucket: string, rule: RateRule, clock: Clock): Promise<number> {
  const { windowStart } = windowOf(rule, clock);
  const [row] = await withActor(
    db,
    SYSTEM,
    (tx) => queryRows<{ hits: number }>(tx, sql`SELECT hits FROM rate_limits WHERE bucket = ${bucket} AND window_start = ${windowStart.toISOString()}`),
    { readOnly: true },
  );
  return row ? Number(row.hits) : 0;
}

/**
 * Refuses (without counting) once `bucket` has reached the rule's limit in this window: for
 * limits that count something else than the request itself, such as failed sign-ins.
 */
export async function checkRateLimit(db: DbHandle, bucket: string, rule: RateRule, clock: Clock) {
  const { now, windowMs, windowStart } = windowOf(rule, clock);
  if ((await countInWindow(db, bucket, rule, clock)) >= rule.limit) {
    throw new RateLimitedError(Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)));
  }
}
