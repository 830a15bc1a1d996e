import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { forwardingEndpoints } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { pgErrorCode, queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { type EndpointView, endpointsOfChain, inChain } from './endpoints';
import { FORWARDING_EVENTS } from './events';
import { managedChain } from './scope';
import { newSigningSecret } from './secret';
import { checkTargetUrl, type TargetPolicy } from './targets';
import type { DbActor } from '@/lib/db/ctx';

/** At most this many endpoints per chain: each event is sent once to each. */
export const MAX_ENDPOINTS_PER_CHAIN = 10;

const input = z.object({
  url: z
    .string({ error: 'Give the URL of the SIEM’s webhook receiver.' })
    .trim()
    .min(1, 'Give the URL of the SIEM’s webhook receiver.')
    .max(2000, 'The URL is at most 2000 characters.'),
  description: z.string({ error: 'The description is text.' }).trim().max(200, 'The description is at most 200 characters.').default(''),
});

/**
 * Adds an endpoint to the chain the actor manages, with a new signing secret returned here once
 * and never again. The `governance.forwarding_added` event lands in that chain in the same
 * transaction, and is the first message the new endpoint receives.
 */
export async function addEndpoint({ db, actor }: DbActor<Actor>, data: unknown, policy: TargetPolicy): Promise<{ endpoint: EndpointView; secret: string }> {
  const { manager, tenantId } = managedChain(actor);
  const { url: raw, description } = parseInput(input, data);
  const url = checkTargetUrl(raw, policy);
  const secret = newSigningSecret();
  try {
    const endpoint = await withActor(db, manager, async (tx) => {
      if ((await tx.$count(forwardingEndpoints, inChain(forwardingEndpoints.tenantId, tenantId))) >= MAX_ENDPOINTS_PER_CHAIN) {
        throw new AppError('too_many_endpoints', `A log is forwarded to at most ${MAX_ENDPOINTS_PER_CHAIN} endpoints. Remove one first.`, 409);
      }
      // Only the columns the application role may write (drizzle's insert names every column).
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into forwarding_endpoints (tenant_id, url, secret, description, created_by)
            values (${tenantId}::uuid, ${url.href}, ${secret}, ${description}, ${manager.userId}::uuid) returning id`,
      );
      await emitEvent(tx, { tenantId, kind: FORWARDING_EVENTS.added, subject: row.id, payload: { endpoint: row.id, host: url.host } });
      const [view] = await endpointsOfChain(tx, tenantId, row.id);
      return view;
    });
    return { endpoint, secret };
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw new AppError('endpoint_exists', 'This log is already forwarded to that URL.', 409);
    if (pgErrorCode(error) === '42501') throw new AppError('forbidden', 'Your account may no longer manage forwarding.', 403);
    throw error;
  }
}
