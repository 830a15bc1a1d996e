import { createHmac } from 'node:crypto';

/** A WorkOS-Signature header for a body, as WorkOS computes it: HMAC-SHA256 over `${ms}.${body}`. */
export function signWebhook(body: string, secret: string, timestampMs = Date.now()): string {
  const digest = createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex');
  return `t=${timestampMs}, v1=${digest}`;
}
