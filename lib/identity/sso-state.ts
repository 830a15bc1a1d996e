import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SSO_STATE_COOKIE = 'tc_sso';
export const SSO_STATE_MAX_AGE_SECONDS = 600;

export interface SsoState {
  state: string;
  organizationId: string;
  next: string | null;
  issuedAt: number;
}

/**
 * The SSO round trip's CSRF state: a random value sent to WorkOS and kept, with the
 * organization the e-mail was routed to, in a signed HttpOnly cookie.
 */
export function issueSsoState(secret: string, organizationId: string, next: string | null, now: Date) {
  const value: SsoState = { state: randomBytes(24).toString('base64url'), organizationId, next, issuedAt: now.getTime() };
  const body = Buffer.from(JSON.stringify(value)).toString('base64url');
  return { state: value.state, cookieValue: `${body}.${sign(secret, body)}` };
}

/** The state in a cookie when its signature holds, it is recent, and it matches the returned state. */
export function verifySsoState(secret: string, cookieValue: string | undefined, returnedState: string | null, now: Date): SsoState | null {
  if (!cookieValue || !returnedState) return null;
  const [body, signature, extra] = cookieValue.split('.');
  if (!body || !signature || extra !== undefined) return null;
  if (!equal(sign(secret, body), signature)) return null;
  let value: SsoState;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SsoState;
  } catch {
    return null;
  }
  if (typeof value.state !== 'string' || !equal(value.state, returnedState)) return null;
  if (now.getTime() - value.issuedAt > SSO_STATE_MAX_AGE_SECONDS * 1000 || now.getTime() < value.issuedAt) return null;
  return value;
}

function sign(secret: string, body: string) {
  return createHmac('sha256', `sso-state:${secret}`).update(body).digest('base64url');
}

function equal(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
