import 'server-only';
import { createHash } from 'node:crypto';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { type AuthActor, SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { EventCoalescer } from '@/lib/governance/coalesce';
import { emitEvent } from '@/lib/governance/emit';
import { markRecorded } from '@/lib/governance/refusal-scope';
import { AppError } from '@/lib/core/errors';
import { checkRateLimit, countInWindow, hitRateLimit, type RateRule } from '@/lib/rate-limit/limit';
import { RateLimitedError } from '@/lib/core/errors';

/** How someone signed in: demo sign-in, SSO, or a reviewer's e-mailed access link. */
export type SignInMethod = 'demo' | 'sso' | 'access_link';

/** The sign-in actor for the chain of the organization a sign-in concerns (a tenant, or the vendor: null). */
export const authFor = (tenantId: string | null): AuthActor => ({ kind: 'auth', tenantId });

export interface SignInDeps {
  db: DbHandle;
  clock: Clock;
  /** The flood guard; one per process unless a test brings its own. */
  failureCoalescer?: EventCoalescer;
  /** How a sign-in from a noisy address waits (tests bring one that only notes the wait). */
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Who is trying: the hashed client address (group) and the account (accountKey of the e-mail the
 * person typed) that failures are counted under; null: not counted.
 */
export interface SignInAttempt {
  method: SignInMethod;
  client: string | null;
  account?: string | null;
}

export interface SignInFailure {
  /** Why, as the error code the caller gets (`unknown_account`, `sso_state_mismatch`, ...). */
  reason: string;
  /** The organization it concerns, when known: its chain records the failure. */
  tenantId: string | null;
  /** The account it concerns, when known (recorded as its pseudonym). */
  userId?: string | null;
  /** The access grant a link belongs to. */
  grantId?: string | null;
}

/**
 * Failed sign-ins of one account (one normalized e-mail address, whoever tries it) per window
 * before every sign-in to that account is refused (429) until the window ends. A valid account
 * that signs in fails nothing, so nobody can lock it out by guessing other addresses.
 */
export const ACCOUNT_FAILURE_LIMIT: RateRule = { limit: 10, windowSeconds: 900 };

/**
 * Failed sign-ins from one client address (an IPv6 client's /64) per window before its sign-ins
 * are slowed down: each failure past `after` doubles the wait, from `firstMs` up to `maxMs`.
 * Slowed, never refused: a whole office behind one NAT, VPN or untrusted proxy shares an
 * address, and its people must still sign in while someone there guesses.
 */
export const ADDRESS_SLOWDOWN = { after: 20, windowSeconds: 900, firstMs: 250, maxMs: 3000 } as const;

const ADDRESS_RULE: RateRule = { limit: ADDRESS_SLOWDOWN.after, windowSeconds: ADDRESS_SLOWDOWN.windowSeconds };

/** The wait before a sign-in from an address that failed `failures` times in the window. */
export function addressDelayMs(failures: number): number {
  const past = failures - ADDRESS_SLOWDOWN.after;
  if (past <= 0) return 0;
  return Math.min(ADDRESS_SLOWDOWN.maxMs, ADDRESS_SLOWDOWN.firstMs * 2 ** Math.min(past - 1, 16));
}

/** What an account's failures are counted under: its e-mail, trimmed and lower-cased, hashed (counters hold no personal data). */
export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

const addressBucket = (client: string) => `sign-in-address:${client}`;
const accountBucket = (account: string) => `sign-in-account:${account}`;

/**
 * Failed sign-ins are coalesced like refusals: at most one `auth.sign_in_failed` per chain,
 * method, reason and account (or grant) per minute and process, the next one carrying the
 * count of those held back (`suppressed`).
 */
export const SIGN_IN_FAILURES = new EventCoalescer(60_000, 10_000);

/**
 * Records a failed sign-in in its own transaction (the attempt changed nothing) and counts it
 * against its account and its client address. Reviewer links are followed by the portal's own work (the
 * system actor); people's sign-ins by the sign-in actor, in their organization's chain.
 */
export async function recordSignInFailure(deps: SignInDeps, attempt: SignInAttempt, failure: SignInFailure): Promise<boolean> {
  if (failure.reason !== 'rate_limited') {
    // Counted only; guardSignIn slows down or refuses the next attempts.
    const counted = (bucket: string, rule: RateRule) =>
      hitRateLimit(deps.db, bucket, rule, deps.clock).catch((error: unknown) => {
        if (!(error instanceof RateLimitedError)) throw error;
      });
    if (attempt.client) await counted(addressBucket(attempt.client), ADDRESS_RULE);
    if (attempt.account) await counted(accountBucket(attempt.account), ACCOUNT_FAILURE_LIMIT);
  }
  const reason = failure.reason.replace(/[^a-z0-9_]/g, '').slice(0, 60) || 'failed';
  const key = [failure.tenantId ?? 'vendor', attempt.method, reason, failure.userId ?? failure.grantId ?? '-'].join(' ');
  const coalescer = deps.failureCoalescer ?? SIGN_IN_FAILURES;
  const admitted = coalescer.admit(key, deps.clock.now().getTime());
  if (!admitted.write) return false;
  try {
    await withActor(deps.db, attempt.method === 'access_link' ? SYSTEM : authFor(failure.tenantId), (tx) =>
      emitEvent(tx, {
        tenantId: failure.tenantId,
        kind: 'auth.sign_in_failed',
        subject: attempt.method,
        payload: { method: attempt.method, reason, suppressed: admitted.suppressed, ...(failure.grantId ? { grant: failure.grantId } : {}) },
        ...(failure.userId ? { aboutUserId: failure.userId } : {}),
      }),
    );
    return true;
  } catch (error) {
    coalescer.failed(key, admitted.suppressed);
    console.error(`[trust-center] a failed sign-in (${attempt.method}: ${reason}) could not be recorded in the governance log`, error);
    return false;
  }
}

/**
 * Before a sign-in: waits when its address failed often lately (addressDelayMs), then refuses
 * (429, recorded as a failure too) when its account did (ACCOUNT_FAILURE_LIMIT).
 */
export async function guardSignIn(deps: SignInDeps, attempt: SignInAttempt) {
  if (attempt.client) {
    const wait = addressDelayMs(await countInWindow(deps.db, addressBucket(attempt.client), ADDRESS_RULE, deps.clock));
    if (wait > 0) await (deps.sleep ?? sleepFor)(wait);
  }
  if (!attempt.account) return;
  try {
    await checkRateLimit(deps.db, accountBucket(attempt.account), ACCOUNT_FAILURE_LIMIT, deps.clock);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      await recordSignInFailure(deps, attempt, { reason: 'rate_limited', tenantId: null });
      markRecorded(error);
    }
    throw error;
  }
}

/**
 * Runs a sign-in: an expected failure (an AppError) is recorded, with what `about` last said
 * it concerns (and its reason, when that is more precise than the code the caller is told),
 * and rethrown, marked as recorded so route() adds no `auth.refused` for it.
 */
export async function signInOrRecord<T>(
  deps: SignInDeps,
  attempt: SignInAttempt,
  run: (about: (failure: Partial<SignInFailure>) => void) => Promise<T>,
): Promise<T> {
  await guardSignIn(deps, attempt);
  let concerns: Partial<SignInFailure> = {};
  try {
    return await run((failure) => {
      concerns = { ...concerns, ...failure };
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await recordSignInFailure(deps, attempt, { tenantId: null, ...concerns, reason: concerns.reason ?? error.code });
    markRecorded(error);
    throw error;
  }
}
