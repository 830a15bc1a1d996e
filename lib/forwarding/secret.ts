import 'server-only';
import { randomBytes } from 'node:crypto';

/** A new Standard Webhooks signing secret: `whsec_` and base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
