import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { systemClock } from '@/lib/clock';
import { config } from '@/lib/config/env';
import { sessionSecret } from '@/lib/config/secrets';
import { getDatabase } from '@/lib/db';
import { AppError } from '@/lib/http/errors';
import type { CustomerActor, StaffActor } from './actor';
import { SESSION_COOKIE } from './cookie';
import { resolveSession, type SessionDeps } from './sessions';

export async function sessionDeps(): Promise<SessionDeps> {
  const cfg = config();
  return {
    db: await getDatabase(),
    clock: systemClock,
    secret: sessionSecret(),
    policy: { idleMs: cfg.sessionIdleMs, maxMs: cfg.sessionMaxMs },
  };
}

/** The session of the current request (once per request), or null when signed out. */
export const currentSession = cache(async () => {
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  return cookie ? resolveSession(await sessionDeps(), cookie) : null;
});

/** The signed-in actor of an API request, or a 401. */
export async function requireApiActor(request: { cookies: { get(name: string): { value: string } | undefined } }) {
  const session = await resolveSession(await sessionDeps(), request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) throw new AppError('unauthenticated', 'Sign in first.', 401);
  return session.actor;
}

function signIn(next: string): never {
  redirect(`/sign-in?next=${encodeURIComponent(next)}`);
}

/** For /admin: vendor staff only. Signed out: to sign-in. Customers: 403. */
export async function requireStaff(next: string): Promise<StaffActor> {
  const session = await currentSession();
  if (!session) signIn(next);
  if (session.actor.kind !== 'staff') forbidden();
  return session.actor;
}

/** For /console: a tenant's users only. Signed out: to sign-in. Staff: 403. */
export async function requireCustomer(next: string): Promise<CustomerActor> {
  const session = await currentSession();
  if (!session) signIn(next);
  if (session.actor.kind !== 'customer') forbidden();
  return session.actor;
}

/** For the staff tools that change the portal: trust admins only; other staff get 403. */
export async function requireTrustAdmin(next: string): Promise<StaffActor> {
  const actor = await requireStaff(next);
  if (actor.role !== 'trust_admin') forbidden();
  return actor;
}

/** The signed-in trust admin of an API request: 401 signed out, 403 anyone else. */
export async function requireApiTrustAdmin(request: Parameters<typeof requireApiActor>[0]): Promise<StaffActor> {
  const actor = await requireApiActor(request);
  if (actor.kind !== 'staff' || actor.role !== 'trust_admin') {
    throw new AppError('forbidden', 'Only trust admins can do this.', 403);
  }
  return actor;
}
