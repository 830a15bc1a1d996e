// The governance log's wire format (docs/governance-log.md), shared by the server, the CLI and
// the browser verifier: no server-only imports here.
import canonicalize from 'canonicalize';

export const LOG_FORMAT = 'trust-center-governance-log';
export const LOG_FORMAT_VERSION = 1;
export const DEFAULT_POLICY = 'trust-center/1';
/** The hash before the first event of every chain: 32 zero bytes. */
export const ZERO_HASH = '0'.repeat(64);

export type ChainName = 'vendor' | `tenant:${string}`;

export function chainName(tenantId: string | null): ChainName {
  return tenantId === null ? 'vendor' : `tenant:${tenantId}`;
}

/** The hashed part of an event (keys in canonical order). */
export interface LogEvent {
  actor: string | null;
  actor_kind: string;
  chain: ChainName;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  policy: string;
  reason: string;
  seq: number;
  subject: string;
  time: string;
}

/** What a checkpoint signs. */
export interface CheckpointBody {
  chain: ChainName;
  hash: string;
  seq: number;
  time: string;
}

/** Ed25519 public key as a JWK (RFC 8037), with its RFC 7638 thumbprint as kid. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg?: 'EdDSA';
  use?: 'sig';
}

export interface HeaderLine {
  type: 'header';
  format: typeof LOG_FORMAT;
  version: number;
  chain: ChainName;
  tenant: { id: string; slug: string; name: string } | null;
  exported_at: string;
  keys: { keys: PublicJwk[] };
}

export interface EventLine {
  type: 'event';
  event: LogEvent;
  hash: string;
}

export interface CheckpointLine {
  type: 'checkpoint';
  checkpoint: CheckpointBody;
  kid: string;
  signature: string;
}

/** Personal data of a pseudonymous actor: outside every hash, blanked by an erasure. */
export interface ActorLine {
  type: 'actor';
  id: string;
  kind: string;
  name: string | null;
  email: string | null;
  erased: boolean;
}

export type LogLine = HeaderLine | EventLine | CheckpointLine | ActorLine;

/** RFC 8785 canonical JSON. */
export function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value is not JSON');
  return text;
}

/**
 * An event's line from its canonical text (as the database computes it) and hash: the same
 * bytes as canonical({event, hash, type}), without parsing the event again.
 */
export function eventLineText(canonicalEvent: string, hashHex: string): string {
  return `{"event":${canonicalEvent},"hash":"${hashHex}","type":"event"}`;
}

/** The bytes a checkpoint's signature covers. */
export function checkpointMessage(body: CheckpointBody): string {
  return canonical({ chain: body.chain, hash: body.hash, seq: body.seq, time: body.time });
}

export function lineText(line: LogLine): string {
  return canonical(line);
}
