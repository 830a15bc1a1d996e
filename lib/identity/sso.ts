import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/drizzle/schema';
import type { AuthActor } from '@/lib/core/actor';
import { createSession, type SessionDeps } from '@/lib/auth/sessions';
import type { Config } from '@/lib/core/config';
import { accountKey, authFor, signInOrRecord } from '@/lib/auth/sign-in-events';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { allowsJitProvisioning, organizationForDomain, organizationForWorkosId } from './organizations';
import { issueSsoState, verifySsoState } from './sso-state';
import type { WorkOSClient } from './workos-client';

const AUTH: AuthActor = { kind: 'auth' };

export interface SsoDeps extends SessionDeps {
  workos: WorkOSClient;
  cfg: Pick<Config, 'appUrl' | 'workos'>;
}

/** A refusal: a structured line for the operator's log (the governance event is written by signInOrRecord). */
function refuse(code: string, message: string, detail: Record<string, unknown>): never {
  console.warn(JSON.stringify({ event: 'auth.sso_refused', reason: code, ...detail }));
  throw new AppError(code, message, 403);
}

/**
 * Routes a work e-mail to its organization and returns where to send the browser. An address
 * no organization signs in with is a failed sign-in, counted against the address typed and
 * against `client`, the hashed client address.
 */
export async function startSso(deps: SsoDeps, email: string, next: string | null, client: string | null = null) {
  return signInOrRecord(deps, { method: 'sso', client, account: accountKey(email) }, async () => {
    const domain = email.split('@')[1]?.toLowerCase() ?? '';
    const org = await organizationForDomain(deps.db, deps.cfg.workos, domain);
    if (!org) {
      throw new AppError('unknown_domain', `No organization on this trust center signs in with ${domain} addresses.`, 404);
    }
    const { state, cookieValue } = issueSsoState(deps.secret, org.workosOrganizationId, next, deps.clock.now());
    const url = deps.workos.sso.getAuthorizationUrl({
      organization: org.workosOrganizationId,
      clientId: deps.cfg.workos.clientId!,
      redirectUri: new URL('/api/auth/callback', deps.cfg.appUrl).href,
      state,
      loginHint: email.toLowerCase(),
    });
    return { url, stateCookie: cookieValue };
  });
}

export interface SsoCallback {
  code: string | null;
  state: string | null;
  /** The identity provider's error, when it did not sign the person in. */
  error?: string | null;
}

/**
 * Completes the round trip: checks state against the cookie, exchanges the code, and signs in
 * the user the directory provisioned (or creates them when the organization allows it). A
 * profile of another organization than the one the sign-in started for, or a user who
 * belongs to another tenant, is refused: nobody joins a tenant through SSO. Every refusal is
 * recorded as `auth.sign_in_failed`, in the organization's chain once the state names it, and
 * counted against the client address only: the e-mail here is whatever an identity provider
 * says, and another organization's provider could otherwise lock anyone's account.
 */
export async function finishSso(deps: SsoDeps, params: SsoCallback, stateCookie: string | undefined, userAgent: string | null, client: string | null = null) {
  return signInOrRecord(deps, { method: 'sso', client }, async (about) => {
    const state = verifySsoState(deps.secret, stateCookie, params.state, deps.clock.now());
    const org = state ? await organizationForWorkosId(deps.db, deps.cfg.workos, state.organizationId) : null;
    if (org) about({ tenantId: org.tenantId });
    if (params.error) throw new AppError('sso_failed', 'Your identity provider did not complete the sign-in.', 400);
    if (!state) throw new AppError('sso_state_mismatch', 'This sign-in link has expired or was not started here. Start again.', 400);
    if (!params.code) throw new AppError('sso_failed', 'Your identity provider did not complete the sign-in.', 400);

    let profile;
    try {
      ({ profile } = await deps.workos.sso.getProfileAndToken({ code: params.code, clientId: deps.cfg.workos.clientId! }));
    } catch {
      throw new AppError('sso_failed', 'Your identity provider did not confirm the sign-in. Start again.', 400);
    }
    const email = profile.email.toLowerCase();
    if (profile.organizationId !== state.organizationId) {
      refuse('sso_organization_mismatch', 'This sign-in came back from a different organization than the one it started for.', {
        expected: state.organizationId,
        received: profile.organizationId ?? null,
        email,
      });
    }
    if (!org) refuse('sso_unknown_organization', 'This organization is not connected to this trust center.', { organizationId: state.organizationId });
    // An identity provider vouches only for its own organization's addresses.
    const owner = await organizationForDomain(deps.db, deps.cfg.workos, email.split('@')[1] ?? '');
    if (!owner || owner.tenantId !== org.tenantId) {
      refuse('sso_organization_mismatch', 'This address does not belong to the organization you signed in with.', {
        organizationId: state.organizationId,
        email,
      });
    }

    const [existing] = await withActor(
      deps.db,
      AUTH,
      (tx) => tx.select({ id: users.id, tenantId: users.tenantId, status: users.status, kind: users.kind }).from(users).where(eq(users.email, email)).limit(1),
      { readOnly: true },
    );
    let user = existing;
    if (user && user.tenantId !== org.tenantId) {
      refuse('sso_organization_mismatch', 'Your account belongs to another organization than the one you signed in with.', {
        organizationId: state.organizationId,
        email,
      });
    }
    if (user) about({ userId: user.id });
    if (user && user.status !== 'active') {
      refuse('account_suspended', 'Your account is suspended or was removed by your directory. Ask your administrator.', { email });
    }
    if (!user) {
      if (org.tenantId === null || !(await allowsJitProvisioning(deps.db, org.tenantId))) {
        refuse('account_not_provisioned', 'Your directory has not given you access to this trust center yet. Ask your administrator.', {
          organizationId: state.organizationId,
          email,
        });
      }
      const tenantId = org.tenantId;
      const name = ([profile.firstName, profile.lastName].filter(Boolean).join(' ') || email).slice(0, 200);
      user = await withActor(deps.db, authFor(tenantId), async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({ tenantId, kind: 'customer', role: 'customer_member', email, name })
          .returning({ id: users.id, tenantId: users.tenantId, status: users.status, kind: users.kind });
        await emitEvent(tx, {
          tenantId,
          kind: 'auth.user_provisioned',
          subject: 'sso',
          payload: { method: 'sso', role: 'customer_member' },
          aboutUserId: created.id,
        });
        return created;
      });
    }
    const session = await createSession(deps, user.id, userAgent, { method: 'sso', tenantId: user.tenantId });
    return { ...session, kind: user.kind, next: state.next };
  });
}
