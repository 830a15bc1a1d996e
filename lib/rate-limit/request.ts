import 'server-only';
import { createHash } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { addressGroup } from './address-group';
import { hitRateLimit, type RateRule } from './limit';

/** Limits of the public forms, per client address. */
export const PUBLIC_FORM_LIMITS = {
  subscribe: { limit: 5, windowSeconds: 600 },
  accessRequest: { limit: 10, windowSeconds: 3600 },
  tokenLink: { limit: 30, windowSeconds: 600 },
} satisfies Record<string, RateRule>;

/**
 * The client's address. scripts/serve.mjs sets X-Forwarded-For to the connection's own address
 * unless TRUST_PROXY says a proxy in front sets it. A proxy appends the address it saw, so the
 * last entry is the one to believe: anything before it came from the client.
 */
export function clientAddress(request: NextRequest): string {
  return request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || 'unknown';
}

/**
 * The client's address group (an IPv6 client's /64), hashed: what rate-limit counters are kept
 * under (they hold no personal data).
 */
export function clientKey(request: NextRequest): string {
  return createHash('sha256')
    .update(addressGroup(clientAddress(request)))
    .digest('hex')
    .slice(0, 32);
}

/** Counts this request against the form's limit for its client; past it, a 429 with Retry-After. */
export async function limitPublicForm(request: NextRequest, form: keyof typeof PUBLIC_FORM_LIMITS) {
  await hitRateLimit(await getDatabase(), `${form}:${clientKey(request)}`, PUBLIC_FORM_LIMITS[form], systemClock);
}
