import { expect, it } from 'vitest';
import { manualClock } from '@/lib/core/clock';
import { hitRateLimit } from '@/lib/rate-limit/limit';
import { RateLimitedError } from '@/lib/core/errors';
import { describeEachDatabase } from '../helpers/databases';

describeEachDatabase('rate limits', (t) => {
  const rule = { limit: 3, windowSeconds: 60 };

  it('refuses past the limit with the seconds until the window ends, then lets requests through again', async () => {
    const clock = manualClock(new Date('2026-11-24T10:00:10Z'));
    const bucket = `form:${Math.random()}`;
    for (let i = 0; i < 3; i++) await hitRateLimit(t().db, bucket, rule, clock);
    const refused = await hitRateLimit(t().db, bucket, rule, clock).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(50);
    expect((refused as RateLimitedError).status).toBe(429);
    clock.advance(50_000);
    await expect(hitRateLimit(t().db, bucket, rule, clock)).resolves.toBeUndefined();
  });

  it('keeps one count for every connection, as several app instances would share it', async () => {
    const clock = manualClock(new Date('2026-11-24T11:00:00Z'));
    const bucket = `shared:${Math.random()}`;
    // Two handles on the same database (PostgreSQL: two pools, one of them logged in as trust_app).
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => hitRateLimit(i % 2 ? t().appRoleDb : t().db, bucket, rule, clock)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
  });

  it('keeps buckets apart', async () => {
    const clock = manualClock(new Date('2026-11-24T12:00:00Z'));
    for (let i = 0; i < 3; i++) await hitRateLimit(t().db, 'a-bucket', rule, clock);
    await expect(hitRateLimit(t().db, 'b-bucket', rule, clock)).resolves.toBeUndefined();
  });
});
