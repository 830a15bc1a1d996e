import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The cookie value is `<token>.<signature>`: a random token and its HMAC under the session
 * secret. The signature lets a forged or tampered cookie be refused without a database query;
 * the database keeps only SHA-256(token), so its contents alone cannot be replayed as cookies.
 */
export function issueToken(secret: string): { cookieValue: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { cookieValue: `${token}.${sign(secret, token)}`, tokenHash: hashToken(token) };
}

/** The token hash of a well-signed cookie value, or null. */
export function verifyToken(secret: string, cookieValue: string): string | null {
  const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(cookieValue);
  if (!match) return null;
  const [, token, signature] = match;
  const expected = Buffer.from(sign(secret, token));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? hashToken(token) : null;
}

function sign(secret: string, token: string) {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}
