import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'tcs_';
/** `tcs_` and 43 characters of base64url: 32 random bytes. */
export const SECRET_PATTERN = /^tcs_[A-Za-z0-9_-]{43}$/;

/** A new service account secret: 32 random bytes, recognisable by its prefix in code and logs. */
export function newServiceSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What is stored of a secret. A secret is 256 random bits, so a fast hash is enough: nobody can
 * guess one from its hash, and checking a request costs no slow key derivation.
 */
export function hashServiceSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** What the console shows of a secret, so people can tell which one a system holds. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, PREFIX.length + 6)}…`;
}
