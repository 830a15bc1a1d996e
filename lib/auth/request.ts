import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { after } from 'next/server';
import type { CustomerRole, StaffRole } from '@/lib/core/roles';
import { systemClock } from '@/lib/core/clock';
import { config } from '@/lib/core/config';
import { sessionSecret } from '@/lib/config/secrets';
import { getDatabase } from '@/lib/db';
import { noteActor } from '@/lib/governance/refusal-scope';
import { recordRefusal } from '@/lib/governance/refusals';
import { AppError } from '@/lib/core/errors';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import { SESSION_COOKIE } from './cookie';
import { type ActiveSession, resolveSession, type SessionDeps } from './sessions';

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

type CookieRequest = { cookies: { get(name: string): { value: string } | undefined } };

/** The session of an API request, or null; its actor is who a refusal of the request is recorded for. */
export async function apiSession(request: CookieRequest): Promise<ActiveSession | null> {
  const session = await resolveSession(await sessionDeps(), request.cookies.get(SESSION_COOKIE)?.value);
  if (session) noteActor(session.actor);
  return session;
}

/** The signed-in actor of an API request, or a 401. */
export async function requireApiActor(request: CookieRequest) {
  const session = await apiSession(request);
  if (!session) throw new AppError('unauthenticated', 'Sign in first.', 401);
  return session.actor;
}

function signIn(next: string): never {
  redirect(`/sign-in?next=${encodeURIComponent(next)}`);
}

/**
 * The refusal of the page being rendered. A layout and its page both gate, and run side by
 * side, so both may refuse: the more specific path is recorded, once, after the response.
 */
const pageRefusal = cache((): { actor: CustomerActor | StaffActor | null; path: string } => ({ actor: null, path: '' }));

/** Answers 403 (app/forbidden.tsx) and records the refusal in the governance log. */
function refusePage(actor: CustomerActor | StaffActor, path: string): never {
  const refusal = pageRefusal();
  if (!refusal.actor) {
    after(async () => {
      if (refusal.actor)
        await recordRefusal({ db: await getDatabase(), clock: systemClock }, refusal.actor, { method: 'GET', path: refusal.path, code: 'forbidden' });
    });
  }
  if (!refusal.actor || path.length > refusal.path.length) Object.assign(refusal, { actor, path });
  forbidden();
}

/**
 * For /admin: vendor staff only. Signed out: to sign-in. Customers: 403. `pattern` is the
 * page's route (`/admin/tenants/[slug]`) when `next` holds ids or slugs.
 */
export async function requireStaff(next: string, pattern = next): Promise<StaffActor> {
  const session = await currentSession();
  if (!session) signIn(next);
  if (session.actor.kind !== 'staff') refusePage(session.actor, pattern);
  return session.actor;
}

/** For /console: a tenant's users only. Signed out: to sign-in. Staff: 403. */
export async function requireCustomer(next: string, pattern = next): Promise<CustomerActor> {
  const session = await currentSession();
  if (!session) signIn(next);
  if (session.actor.kind !== 'customer') refusePage(session.actor, pattern);
  return session.actor;
}

/** Staff with one of these roles; other staff get 403. */
export async function requireStaffRole(next: string, roles: readonly StaffRole[], pattern = next): Promise<StaffActor> {
  const actor = await requireStaff(next, pattern);
  if (!roles.includes(actor.role)) refusePage(actor, pattern);
  return actor;
}

/** A tenant's users with one of these roles; others get 403. */
export async function requireCustomerRole(next: string, roles: readonly CustomerRole[], pattern = next): Promise<CustomerActor> {
  const actor = await requireCustomer(next, pattern);
  if (!roles.includes(actor.role)) refusePage(actor, pattern);
  return actor;
}

/** For the staff tools that change the portal: trust admins only; other staff get 403. */
export function requireTrustAdmin(next: string, pattern = next): Promise<StaffActor> {
  return requireStaffRole(next, ['trust_admin'], pattern);
}

/** The signed-in trust admin of an API request: 401 signed out, 403 anyone else. */
export async function requireApiTrustAdmin(request: Parameters<typeof requireApiActor>[0]): Promise<StaffActor> {
  const actor = await requireApiActor(request);
  if (actor.kind !== 'staff' || actor.role !== 'trust_admin') {
    throw new AppError('forbidden', 'Only trust admins can do this.', 403);
  }
  return actor;
}
