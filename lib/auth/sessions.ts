import 'server-only';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { sessions, tenants, users } from '@/drizzle/schema';
import type { Clock } from '@/lib/core/clock';
import type { Tx } from '@/lib/db/types';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import type { AuthActor, CustomerActor, StaffActor } from '@/lib/core/actor';
import { issueToken, verifyToken } from './session-token';
import { authFor, type SignInMethod } from './sign-in-events';

const AUTH: AuthActor = { kind: 'auth' };

export interface SessionPolicy {
  /** Sliding expiry: a session unused this long ends. */
  idleMs: number;
  /** Absolute expiry from sign-in, however active the session. */
  maxMs: number;
}

export interface SessionDeps {
  db: DbHandle;
  clock: Clock;
  secret: string;
  policy: SessionPolicy;
}

export interface ActiveSession {
  sessionId: string;
  actor: CustomerActor | StaffActor;
  expiresAt: Date;
}

export type RevokeReason = 'signed_out' | 'idle_timeout' | 'absolute_timeout' | 'user_suspended' | 'deprovisioned' | 'role_changed';

/** last_seen_at is written at most this often, so most requests only read. */
function touchInterval(policy: SessionPolicy) {
  return Math.min(60_000, policy.idleMs / 10);
}

/** A sign-in that a new session completes: recorded as `auth.signed_in` in the person's organization's chain. */
export interface SignIn {
  method: SignInMethod;
  /** The person's tenant; null for staff. */
  tenantId: string | null;
}

/**
 * Starts a session for a user. Given the sign-in it completes, `auth.signed_in` is appended in
 * the same transaction (tests that only need a session leave it out).
 */
export async function createSession(deps: SessionDeps, userId: string, userAgent: string | null, signIn?: SignIn) {
  const now = deps.clock.now();
  const { cookieValue, tokenHash } = issueToken(deps.secret);
  const expiresAt = new Date(now.getTime() + deps.policy.maxMs);
  const row = await withActor(deps.db, signIn ? authFor(signIn.tenantId) : AUTH, async (tx) => {
    const [created] = await tx
      .insert(sessions)
      .values({ userId, tokenHash, createdAt: now, lastSeenAt: now, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null })
      .returning({ id: sessions.id });
    if (signIn) {
      await emitEvent(tx, {
        tenantId: signIn.tenantId,
        kind: 'auth.signed_in',
        subject: signIn.method,
        payload: { method: signIn.method },
        aboutUserId: userId,
      });
    }
    return created;
  });
  return { sessionId: row.id, cookieValue, expiresAt };
}

/**
 * The signed-in actor for a cookie, or null when the cookie is forged, unknown, revoked,
 * idle too long, past its absolute expiry, or its user is suspended. Expiry is recorded on
 * the row, so an expired session can never come back.
 */
export async function resolveSession(deps: SessionDeps, cookieValue: string | undefined): Promise<ActiveSession | null> {
  if (!cookieValue) return null;
  const tokenHash = verifyToken(deps.secret, cookieValue);
  if (!tokenHash) return null;
  const now = deps.clock.now();

  const [row] = await withActor(
    deps.db,
    AUTH,
    (tx) =>
      tx
        .select({ session: sessions, user: users, tenant: tenants })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(tenants, eq(tenants.id, users.tenantId))
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
        .limit(1),
    { readOnly: true },
  );
  if (!row) return null;

  const { session, user, tenant } = row;
  const ended: RevokeReason | null =
    user.status !== 'active'
      ? 'user_suspended'
      : now >= session.expiresAt
        ? 'absolute_timeout'
        : now.getTime() - session.lastSeenAt.getTime() > deps.policy.idleMs
          ? 'idle_timeout'
          : null;
  if (ended) {
    await revokeWhere(deps, eq(sessions.id, session.id), ended);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= touchInterval(deps.policy)) {
    await withActor(deps.db, AUTH, (tx) =>
      tx
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(and(eq(sessions.id, session.id), isNull(sessions.revokedAt))),
    );
  }

  const actor: CustomerActor | StaffActor =
    user.kind === 'staff'
      ? { kind: 'staff', userId: user.id, email: user.email, name: user.name, role: user.role as StaffActor['role'] }
      : {
          kind: 'customer',
          userId: user.id,
          email: user.email,
          name: user.name,
          role: user.role as CustomerActor['role'],
          tenantId: user.tenantId!,
          tenantSlug: tenant!.slug,
          tenantName: tenant!.legalName,
        };
  return { sessionId: session.id, actor, expiresAt: session.expiresAt };
}

/**
 * Ends the session a cookie names (sign-out), with `auth.signed_out` in the person's
 * organization's chain. Unknown, forged or already ended sessions change nothing.
 */
export async function revokeSession(deps: SessionDeps, cookieValue: string | undefined, reason: RevokeReason = 'signed_out') {
  const tokenHash = cookieValue ? verifyToken(deps.secret, cookieValue) : null;
  if (!tokenHash) return 0;
  const [owner] = await withActor(
    deps.db,
    AUTH,
    (tx) =>
      tx
        .select({ userId: users.id, tenantId: users.tenantId })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt))),
    { readOnly: true },
  );
  if (!owner) return 0;
  return withActor(deps.db, authFor(owner.tenantId), async (tx) => {
    const ended = await revokeSessionsIn(tx, eq(sessions.tokenHash, tokenHash), reason, deps.clock.now());
    if (ended > 0) {
      await emitEvent(tx, { tenantId: owner.tenantId, kind: 'auth.signed_out', subject: 'session', payload: { reason }, aboutUserId: owner.userId });
    }
    return ended;
  });
}

/** Ends every session of a user at once (deprovisioning, suspension, role change). */
export async function revokeUserSessions(deps: Pick<SessionDeps, 'db' | 'clock'>, userId: string, reason: RevokeReason) {
  return revokeWhere(deps, eq(sessions.userId, userId), reason);
}

async function revokeWhere(deps: Pick<SessionDeps, 'db' | 'clock'>, where: SQL | undefined, reason: RevokeReason) {
  return withActor(deps.db, AUTH, (tx) => revokeSessionsIn(tx, where, reason, deps.clock.now()));
}

/** Ends the matching live sessions inside a transaction the caller opened (RLS decides which it may). */
export async function revokeSessionsIn(tx: Tx, where: SQL | undefined, reason: RevokeReason, now: Date) {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(where, isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
