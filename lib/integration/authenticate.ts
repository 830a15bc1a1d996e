import 'server-only';
import type { NextRequest } from 'next/server';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sql } from 'drizzle-orm';
import type { ServiceActor } from '@/lib/core/actor';
import { config } from '@/lib/core/config';
import { AppError, RateLimitedError } from '@/lib/core/errors';
import { processState } from '@/lib/core/process-state';
import type { DbHandle } from '@/lib/db/with-actor';
import { withActor } from '@/lib/db/with-actor';
import { queryRows } from '@/lib/db/raw';
import { clientKey } from '@/lib/rate-limit/request';
import type { ServiceScope } from './scopes';
import { hashServiceSecret, SECRET_PATTERN } from './secret';

/** Failed sign-ins of one client address that are tolerated per minute before it is refused. */
const FAILURES_PER_MINUTE = 20;

// Per instance, in memory: a flood of bad secrets or of calls costs no database work.
const limits = processState('service-rate-limits', () => ({
  failures: new RateLimiterMemory({ points: FAILURES_PER_MINUTE, duration: 60 }),
  calls: new RateLimiterMemory({ points: config().serviceRequestsPerMinute, duration: 60 }),
}));

async function consume(limiter: RateLimiterMemory, key: string) {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}

const unauthenticated = (message: string) => new AppError('unauthenticated', message, 401);

/**
 * The service account a machine API request signs in as, from `Authorization: Bearer <secret>`:
 * 401 for a missing, malformed, unknown or revoked secret, 403 without the scope the endpoint
 * needs, 429 past the limits (failed sign-ins per client address, calls per account).
 */
export async function authenticateService(db: DbHandle, request: NextRequest, scope: ServiceScope): Promise<ServiceActor> {
  const address = clientKey(request);
  const failures = await limits.failures.get(address);
  if (failures && failures.consumedPoints >= FAILURES_PER_MINUTE) throw new RateLimitedError(Math.max(1, Math.ceil(failures.msBeforeNext / 1000)));
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  const failed = async (message: string) => {
    await consume(limits.failures, address).catch(() => undefined);
    return unauthenticated(message);
  };
  if (!match) throw await failed('Send the service account’s secret as Authorization: Bearer <secret>.');
  if (!SECRET_PATTERN.test(match[1])) throw await failed('This is not a service account secret.');
  const [account] = await withActor(
    db,
    { kind: 'auth' },
    (tx) =>
      queryRows<{ id: string; name: string; scopes: string[]; last_used_at: Date | string | null }>(
        tx,
        sql`select id, name, scopes, last_used_at from service_account_for_secret(${hashServiceSecret(match[1])})`,
      ),
    { readOnly: true },
  );
  if (!account) throw await failed('The secret is unknown or was revoked.');
  // Last use is kept to the minute: a write only when the one recorded is older.
  if (!account.last_used_at || Date.now() - new Date(account.last_used_at).getTime() > 60_000) {
    await withActor(db, { kind: 'auth' }, (tx) => tx.execute(sql`select note_service_account_used(${account.id}::uuid)`));
  }
  await consume(limits.calls, account.id);
  if (!account.scopes.includes(scope)) {
    throw new AppError('missing_scope', `This service account does not hold the ${scope} scope that this endpoint needs.`, 403);
  }
  return { kind: 'service', serviceAccountId: account.id, name: account.name, scopes: account.scopes };
}
