import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { forwardingEndpoints } from '@/drizzle/schema';
import { type Actor, GOVERNANCE } from '@/lib/core/actor';
import { queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { isUuid } from '@/lib/core/parse-input';
import { chainName } from '@/lib/governance/format';
import { AppError } from '@/lib/core/errors';
import { inChain } from './endpoints';
import { signedMessage } from './message';
import { managedChain } from './scope';
import { postWebhook, type SendOutcome } from './send';
import type { TargetPolicy } from './targets';
import type { Ctx } from '@/lib/db/ctx';

export const TEST_MESSAGE_TYPE = 'governance.forwarding_test';

/**
 * Sends one signed test message to an endpoint of the chain the actor manages, now, and says
 * how the receiver answered. It is not a governance event: its webhook-id starts with `test_`,
 * and nothing is queued or retried.
 */
export async function sendTestMessage(
  { db, clock, actor }: Ctx<Actor>,
  id: string,
  policy: TargetPolicy,
  send: typeof postWebhook = postWebhook,
): Promise<SendOutcome> {
  const { manager, tenantId } = managedChain(actor);
  const notFound = new AppError('not_found', 'There is no such forwarding endpoint.', 404);
  if (!isUuid(id)) throw notFound;
  const [endpoint] = await withActor(
    db,
    manager,
    (tx) =>
      tx
        .select({ id: forwardingEndpoints.id, url: forwardingEndpoints.url })
        .from(forwardingEndpoints)
        .where(and(eq(forwardingEndpoints.id, id), inChain(forwardingEndpoints.tenantId, tenantId))),
    { readOnly: true },
  );
  if (!endpoint) throw notFound;
  // The manager was checked above; the secret is read as the log's machinery, the only reader.
  const [{ secret }] = await withActor(
    db,
    GOVERNANCE,
    (tx) => queryRows<{ secret: string }>(tx, sql`select forwarding_signing_secret(${endpoint.id}::uuid) as secret`),
    { readOnly: true },
  );
  const now = clock.now();
  const body =
    `{"data":{"chain":${JSON.stringify(chainName(tenantId))},"endpoint":${JSON.stringify(endpoint.id)},` +
    `"message":"A test message from the Trust Center: this endpoint receives the governance log."},` +
    `"timestamp":${JSON.stringify(now.toISOString())},"type":"${TEST_MESSAGE_TYPE}"}`;
  const message = signedMessage(secret, `test_${randomUUID()}`, now, body);
  return send(endpoint.url, message.headers, message.body, policy);
}
