import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/drizzle/schema';
import { AppError } from '@/lib/core/errors';
import { withActor } from '@/lib/db/with-actor';
import { createSession, type SessionDeps } from './sessions';
import { accountKey, type SignInDeps, signInOrRecord } from './sign-in-events';

/**
 * Demo sign-in: while WorkOS is not configured (or DEMO_SIGN_IN=1) anyone may sign in as any
 * active account by e-mail. The banner on every page says so. A refused attempt is recorded as
 * `auth.sign_in_failed` (a suspended account's in its tenant's chain) and counted against the
 * e-mail address typed (too many: that address is refused for a while) and against `client`,
 * the hashed client address (too many: its sign-ins are slowed down).
 */
export async function demoSignIn(deps: SessionDeps & SignInDeps & { enabled: boolean }, email: string, userAgent: string | null, client: string | null = null) {
  return signInOrRecord(deps, { method: 'demo', client, account: accountKey(email) }, async (about) => {
    if (!deps.enabled) throw new AppError('demo_sign_in_disabled', 'Demo sign-in is turned off on this server.', 403);
    const [user] = await withActor(
      deps.db,
      { kind: 'auth' },
      (tx) =>
        tx
          .select({ id: users.id, kind: users.kind, tenantId: users.tenantId, status: users.status })
          .from(users)
          .where(eq(users.email, email.toLowerCase()))
          .limit(1),
      { readOnly: true },
    );
    if (user && user.status !== 'active') {
      // The same answer as for an unknown address: whether an account exists is not told.
      about({ tenantId: user.tenantId, userId: user.id, reason: 'account_suspended' });
      throw new AppError('unknown_account', `There is no active account for ${email}.`, 404);
    }
    if (!user) throw new AppError('unknown_account', `There is no active account for ${email}.`, 404);
    const session = await createSession(deps, user.id, userAgent, { method: 'demo', tenantId: user.tenantId });
    return { ...session, kind: user.kind };
  });
}
