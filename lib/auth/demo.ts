import 'server-only';
import { and, eq } from 'drizzle-orm';
import { users } from '@/drizzle/schema';
import { AppError } from '@/lib/http/errors';
import { withActor } from '@/lib/db/with-actor';
import { createSession, type SessionDeps } from './sessions';

/**
 * Demo sign-in: while WorkOS is not configured (or DEMO_SIGN_IN=1) anyone may sign in as any
 * active account by e-mail. The banner on every page says so.
 */
export async function demoSignIn(deps: SessionDeps & { enabled: boolean }, email: string, userAgent: string | null) {
  if (!deps.enabled) throw new AppError('demo_sign_in_disabled', 'Demo sign-in is turned off on this server.', 403);
  const [user] = await withActor(
    deps.db,
    { kind: 'auth' },
    (tx) =>
      tx
        .select({ id: users.id, kind: users.kind })
        .from(users)
        .where(and(eq(users.email, email.toLowerCase()), eq(users.status, 'active')))
        .limit(1),
    { readOnly: true },
  );
  if (!user) throw new AppError('unknown_account', `There is no active account for ${email}.`, 404);
  const session = await createSession(deps, user.id, userAgent);
  return { ...session, kind: user.kind };
}
