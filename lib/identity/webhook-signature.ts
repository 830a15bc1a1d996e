import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@/lib/core/errors';

/** How old a signature may be: the WorkOS SDK's own default tolerance. */
export const MAX_SIGNATURE_AGE_MS = 3 * 60_000;
/** How far ahead of this server's clock a signature may be dated (clock skew), and no further. */
export const MAX_SIGNATURE_SKEW_MS = 5 * 60_000;

const HEADER = /^t=(\d{1,16}),\s*v1=([0-9a-f]{64})$/;

function refused(reason: string): AppError {
  return new AppError('invalid_signature', `The webhook signature is not valid: ${reason}.`, 401);
}

/**
 * Checks a `WorkOS-Signature` header (`t=<ms>, v1=<hex HMAC-SHA256 of "<t>.<body>">`, WorkOS's
 * documented scheme) with the endpoint's secret alone. The SDK's own check needs a client built
 * with an API key or client id, and bounds a signature's age only in the past: a signature dated
 * in the future would stay valid until that date. Here both bounds are explicit.
 */
export function verifyWorkosSignature(payload: string, header: string, secret: string, now: Date): void {
  const match = HEADER.exec(header.trim());
  if (!match) throw refused('the WorkOS-Signature header is malformed');
  const [, timestamp, signature] = match;
  const age = now.getTime() - Number(timestamp);
  if (age > MAX_SIGNATURE_AGE_MS) throw refused('it is too old');
  if (-age > MAX_SIGNATURE_SKEW_MS) throw refused('it is dated in the future');
  const expected = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw refused('it does not match the body');
}
