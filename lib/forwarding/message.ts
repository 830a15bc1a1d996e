import { Webhook } from 'standardwebhooks';

/** One governance event as the database gives it to the worker. */
export interface ForwardedEvent {
  id: string;
  kind: string;
  /** governance_event_json(e): the event's RFC 8785 canonical JSON, the bytes that are hashed. */
  json: string;
  /** Hex SHA-256 of the previous event's hash and this event's canonical JSON. */
  hash: string;
  prevHash: string;
}

export interface WebhookMessage {
  headers: { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };
  body: string;
}

/**
 * The body of a forwarded event (docs/governance-forwarding.md), itself RFC 8785 canonical JSON:
 * `{"data":{"chain","event","hash","prev_hash"},"timestamp","type"}`. The event is embedded as the
 * exact canonical text the chain hashes, so a receiver can check `hash` from the body alone.
 */
export function eventBody(event: ForwardedEvent): string {
  const parsed = JSON.parse(event.json) as { chain: string; time: string };
  return (
    `{"data":{"chain":${JSON.stringify(parsed.chain)},"event":${event.json},"hash":${JSON.stringify(event.hash)},` +
    `"prev_hash":${JSON.stringify(event.prevHash)}},"timestamp":${JSON.stringify(parsed.time)},"type":${JSON.stringify(event.kind)}}`
  );
}

/**
 * Signs a body per the Standard Webhooks specification: `webhook-id` (the same on every retry,
 * for de-duplication), `webhook-timestamp` (seconds, the time of this attempt) and
 * `webhook-signature` (`v1,` base64 HMAC-SHA256 of `id.timestamp.body` with the secret).
 */
export function signedMessage(secret: string, id: string, sentAt: Date, body: string): WebhookMessage {
  return {
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, sentAt, body),
    },
    body,
  };
}
