import 'server-only';
import { type AuthActor, SYSTEM } from '@/lib/auth/actor';
import type { Clock } from '@/lib/clock';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { EventCoalescer } from '@/lib/governance/coalesce';
import { emitEvent } from '@/lib/governance/emit';
import { markRecorded } from '@/lib/governance/refusal-scope';
import { AppError } from '@/lib/http/errors';
import { checkRateLimit, hitRateLimit, RateLimitedError, type RateRule } from '@/lib/rate-limit/limit';

/** How someone signed in: demo sign-in, SSO, or a reviewer's e-mailed access link. */
export type SignInMethod = 'demo' | 'sso' | 'access_link';

/** The sign-in actor for the chain of the organization a sign-in concerns (a tenant, or the vendor: null). */
export const authFor = (tenantId: string | null): AuthActor => ({ kind: 'auth', tenantId });

export interface SignInDeps {
  db: DbHandle;
  clock: Clock;
  /** The flood guard; one per process unless a test brings its own. */
  failureCoalescer?: EventCoalescer;
}

/** Who is trying: the hashed client address failures are counted under (null: not counted). */
export interface SignInAttempt {
  method: SignInMethod;
  client: string | null;
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

/** Failed sign-ins a client may have per window before every sign-in of theirs is refused (429). */
export const SIGN_IN_FAILURE_LIMIT: RateRule = { limit: 20, windowSeconds: 900 };

/**
 * Failed sign-ins are coalesced like refusals: at most one `auth.sign_in_failed` per chain,
 * method, reason and account (or grant) per minute and process, the next one carrying the
 * count of those held back (`suppressed`).
 */
export const SIGN_IN_FAILURES = new EventCoalescer(60_000, 10_000);

/**
 * Records a failed sign-in in its own transaction (the attempt changed nothing) and counts it
 * against the client's limit. Reviewer links are followed by the portal's own work (the
 * system actor); people's sign-ins by the sign-in actor, in their organization's chain.
 */
export async function recordSignInFailure(deps: SignInDeps, attempt: SignInAttempt, failure: SignInFailure): Promise<boolean> {
  if (attempt.client && failure.reason !== 'rate_limited') {
    // Counted only; guardSignIn refuses the next attempt once the limit is reached.
    await hitRateLimit(deps.db, `sign-in-failures:${attempt.client}`, SIGN_IN_FAILURE_LIMIT, deps.clock).catch((error: unknown) => {
      if (!(error instanceof RateLimitedError)) throw error;
    });
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

/** Refuses every sign-in of a client that failed too often lately (recorded as a failure too). */
export async function guardSignIn(deps: SignInDeps, attempt: SignInAttempt) {
  if (!attempt.client) return;
  try {
    await checkRateLimit(deps.db, `sign-in-failures:${attempt.client}`, SIGN_IN_FAILURE_LIMIT, deps.clock);
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
