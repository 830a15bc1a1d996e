import { createHash, createHmac, randomBytes } from 'node:crypto';

/** What mail links need: the portal's public address and the key unsubscribe links are derived with. */
export interface LinkKeys {
  /** APP_URL, e.g. https://trust.example.com */
  baseUrl: string;
  secret: string;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this is stored: a leaked table holds no usable link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A subscriber's unsubscribe token, derived from their id with the server's secret, so that
 * every mail can carry a working link while the database keeps only its hash.
 */
export function unsubscribeToken(keys: LinkKeys, subscriberId: string): string {
  return createHmac('sha256', keys.secret).update(`trust-center/unsubscribe/v1:${subscriberId}`).digest('base64url');
}

/** A token from a link: base64url, of the length our tokens have; anything else is not worth a lookup. */
export function plausibleToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function link(keys: LinkKeys, path: string, token?: string): string {
  const url = new URL(path, keys.baseUrl);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}
