// An independent check of an exported governance log (docs/governance-log.md): runs in the CLI
// and in the browser, with no database and no trust in the server that produced the file.
import {
  type ActorLine,
  canonical,
  type CheckpointLine,
  checkpointMessage,
  type HeaderLine,
  LOG_FORMAT,
  LOG_FORMAT_VERSION,
  type LogEvent,
  type PublicJwk,
  ZERO_HASH,
} from './format';

/** The cryptography a verifier needs, so Node and the browser can each bring their own. */
export interface VerifyCrypto {
  /** hex SHA-256 of the 32 bytes of prevHex followed by the UTF-8 bytes of text. */
  chainHash(prevHex: string, text: string): string;
  /** base64url SHA-256 of the UTF-8 bytes of text (for RFC 7638 thumbprints). */
  sha256Base64url(text: string): string;
  /** Whether signature (base64url) is key's Ed25519 signature of the UTF-8 bytes of message. */
  verifySignature(key: PublicJwk, message: string, signature: string): boolean | Promise<boolean>;
}

export interface VerifyOptions {
  /** Trusted keys (pinned): when given, only their signatures count, whatever the file lists. */
  publicKeys?: PublicJwk[];
  /** The head of an earlier verified export: the file must hold the same hash at that sequence. */
  previousHead?: ChainHead;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export type VerifyResult =
  | {
      ok: true;
      chain: string;
      tenant: HeaderLine['tenant'];
      events: number;
      checkpoints: number;
      head: ChainHead;
      kids: string[];
      pinned: boolean;
      summary: string;
    }
  | { ok: false; line: number; seq?: number; eventId?: string; reason: string; summary: string };

class Bad extends Error {
  constructor(
    readonly reason: string,
    readonly where: { seq?: number; eventId?: string } = {},
  ) {
    super(reason);
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const CHECKPOINT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KIND = /^[a-z_]+(\.[a-z_]+)+$/;
const B64URL = /^[A-Za-z0-9_-]+$/;
const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Whether text is the one base64url spelling (no padding) of a value of `bytes` bytes, i.e.
 * decoding it and encoding again gives the same text: the right length, and the bits of the
 * last character that carry no data are zero (decoders ignore them, so they could be anything).
 */
function isCanonicalBase64url(text: string, bytes: number): boolean {
  if (text.length !== Math.ceil((bytes * 8) / 6) || !B64URL.test(text)) return false;
  const unusedBits = text.length * 6 - bytes * 8;
  return (B64URL_ALPHABET.indexOf(text[text.length - 1]) & ((1 << unusedBits) - 1)) === 0;
}

/** A chain head as the summary line prints it and `--previous-head` takes it: `SEQ:HASH`. */
export function parseChainHead(text: string): ChainHead {
  const m = /^(0|[1-9]\d{0,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (!m || !Number.isSafeInteger(Number(m[1])) || (m[1] === '0' && m[2] !== ZERO_HASH)) {
    throw new Error('give the previous head as SEQ:HASH, as the summary line of an earlier verification prints it');
  }
  return { seq: Number(m[1]), hash: m[2] };
}

const EVENT_PREFIX = '{"event":';
const EVENT_SUFFIX = /^,"hash":"[0-9a-f]{64}","type":"event"\}$/;
/** An event line's event text and hash, or null: `{"event":<event>,"hash":"<64 hex>","type":"event"}`. */
function splitEventLine(text: string): [string, string] | null {
  const suffix = text.length - 90;
  if (suffix <= EVENT_PREFIX.length || !text.startsWith(EVENT_PREFIX) || !EVENT_SUFFIX.test(text.slice(suffix))) return null;
  return [text.slice(EVENT_PREFIX.length, suffix), text.slice(suffix + 9, suffix + 73)];
}
const EVENT_KEYS = 'actor,actor_kind,chain,id,kind,payload,policy,reason,seq,subject,time';
const EVENT_MEMBERS = EVENT_KEYS.split(',');

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function keysOf(v: Record<string, unknown>) {
  return Object.keys(v).sort().join(',');
}

function parseLine(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Bad('the line is not valid JSON');
  }
  if (!isObject(value)) throw new Bad('the line is not a JSON object');
  return value;
}

function requireCanonical(text: string, value: unknown, what: string) {
  if (canonical(value) !== text) throw new Bad(`the ${what} is not in RFC 8785 canonical form`);
}

function checkEvent(e: unknown, chain: string): asserts e is LogEvent {
  // Eleven members, each checked below by type, is exactly the eleven (cheaper than sorting keys).
  if (!isObject(e) || Object.keys(e).length !== 11 || !EVENT_MEMBERS.every((k) => k in e)) throw new Bad(`an event has exactly the fields ${EVENT_KEYS}`);
  const ok =
    (e.actor === null || (typeof e.actor === 'string' && UUID.test(e.actor))) &&
    typeof e.actor_kind === 'string' &&
    typeof e.id === 'string' &&
    UUID.test(e.id) &&
    typeof e.kind === 'string' &&
    KIND.test(e.kind) &&
    isObject(e.payload) &&
    typeof e.policy === 'string' &&
    typeof e.reason === 'string' &&
    Number.isSafeInteger(e.seq) &&
    typeof e.subject === 'string' &&
    typeof e.time === 'string' &&
    TIME.test(e.time);
  if (!ok) throw new Bad('a field of the event has the wrong type or form', { seq: Number(e.seq), eventId: String(e.id) });
  if (e.chain !== chain) throw new Bad(`the event belongs to chain ${String(e.chain)}, not ${chain}`, { seq: e.seq as number, eventId: e.id as string });
}

/**
 * The canonical text of an event that passed checkEvent: its members are known, so they are
 * written in RFC 8785 order directly (JSON.stringify escapes strings exactly as RFC 8785 does).
 */
function canonicalEvent(e: LogEvent): string {
  const str = JSON.stringify;
  return `{"actor":${str(e.actor)},"actor_kind":${str(e.actor_kind)},"chain":${str(e.chain)},"id":${str(e.id)},"kind":${str(e.kind)},"payload":${canonical(e.payload)},"policy":${str(e.policy)},"reason":${str(e.reason)},"seq":${e.seq},"subject":${str(e.subject)},"time":${str(e.time)}}`;
}

function checkKey(k: unknown, crypto: VerifyCrypto): PublicJwk {
  if (!isObject(k) || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string' || !B64URL.test(k.x) || typeof k.kid !== 'string') {
    throw new Bad('a listed key is not an Ed25519 JWK with a kid');
  }
  if (crypto.sha256Base64url(`{"crv":"Ed25519","kty":"OKP","x":"${k.x}"}`) !== k.kid) {
    throw new Bad(`key ${k.kid} does not have its RFC 7638 thumbprint as kid`);
  }
  return k as unknown as PublicJwk;
}

function checkHeader(h: Record<string, unknown>, crypto: VerifyCrypto): HeaderLine {
  if (h.type !== 'header' || h.format !== LOG_FORMAT) throw new Bad(`the first line is not a ${LOG_FORMAT} header`);
  if (h.version !== LOG_FORMAT_VERSION) throw new Bad(`format version ${String(h.version)} is not supported (expected ${LOG_FORMAT_VERSION})`);
  if (typeof h.chain !== 'string' || !(h.chain === 'vendor' || /^tenant:[0-9a-f-]{36}$/.test(h.chain))) throw new Bad('the header names no chain');
  if (!isObject(h.keys) || !Array.isArray(h.keys.keys)) throw new Bad('the header lists no keys');
  h.keys.keys.forEach((k) => checkKey(k, crypto));
  return h as unknown as HeaderLine;
}

function checkCheckpointShape(c: Record<string, unknown>, chain: string): CheckpointLine {
  const body = c.checkpoint;
  if (
    keysOf(c) !== 'checkpoint,kid,signature,type' ||
    !isObject(body) ||
    keysOf(body) !== 'chain,hash,seq,time' ||
    typeof body.hash !== 'string' ||
    !HEX64.test(body.hash) ||
    !Number.isSafeInteger(body.seq) ||
    (body.seq as number) < 0 ||
    typeof body.time !== 'string' ||
    !CHECKPOINT_TIME.test(body.time) ||
    typeof c.kid !== 'string' ||
    typeof c.signature !== 'string' ||
    !B64URL.test(c.signature)
  ) {
    throw new Bad('the checkpoint is malformed');
  }
  if (body.chain !== chain) throw new Bad(`the checkpoint is for chain ${String(body.chain)}, not ${chain}`);
  if (!isCanonicalBase64url(c.signature, 64)) {
    throw new Bad(`the checkpoint’s signature at sequence ${body.seq} is not canonical base64url (86 characters for 64 bytes, unused bits zero)`, {
      seq: body.seq as number,
    });
  }
  return c as unknown as CheckpointLine;
}

function checkActor(a: Record<string, unknown>): ActorLine {
  const ok =
    keysOf(a) === 'email,erased,id,kind,name,type' &&
    typeof a.id === 'string' &&
    UUID.test(a.id) &&
    typeof a.kind === 'string' &&
    (a.name === null || typeof a.name === 'string') &&
    (a.email === null || typeof a.email === 'string') &&
    typeof a.erased === 'boolean';
  if (!ok) throw new Bad('the actor line is malformed');
  return a as unknown as ActorLine;
}

/** Splits the file into lines, refusing bytes that are not UTF-8 (naming the line). */
function* linesOf(input: string | Uint8Array): Generator<{ number: number; text: string }> {
  if (typeof input === 'string') {
    const lines = input.split('\n');
    for (let i = 0; i < lines.length; i++) yield { number: i + 1, text: lines[i] };
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let whole: string | undefined;
  try {
    whole = decoder.decode(input);
  } catch {
    // Not UTF-8 somewhere: decode line by line to name the line.
  }
  if (whole !== undefined) {
    yield* linesOf(whole);
    return;
  }
  let start = 0;
  let number = 0;
  while (start <= input.length) {
    let end = input.indexOf(0x0a, start);
    if (end === -1) end = input.length;
    number++;
    let text: string;
    try {
      text = decoder.decode(input.subarray(start, end));
    } catch {
      text = '\u0000invalid utf-8';
    }
    yield { number, text };
    start = end + 1;
  }
}

/**
 * Verifies an export: the header, every event's hash over the one before it (gapless from
 * sequence 1), every checkpoint's signature and its agreement with the chain, and that the
 * last event is covered by a signed checkpoint. Stops at the first problem and names it.
 */
export async function verifyLog(input: string | Uint8Array, crypto: VerifyCrypto, options: VerifyOptions = {}): Promise<VerifyResult> {
  let header: HeaderLine | undefined;
  let keys = new Map<string, PublicJwk>();
  const hashes: string[] = [ZERO_HASH];
  let prev = ZERO_HASH;
  let lastEventId: string | undefined;
  let checkpoints = 0;
  let lastCheckpointSeq = -1;
  const kids = new Set<string>();
  let section: 'events' | 'actors' = 'events';
  let lineNumber = 0;
  let lineText = '';
  let ended = false;
  const seq = () => hashes.length - 1;
  const previous = options.previousHead;
  try {
    if (options.publicKeys) keys = new Map(options.publicKeys.map((k) => [checkKey(k, crypto).kid, k]));
    for (const { number, text } of linesOf(input)) {
      lineNumber = number;
      lineText = text;
      if (text === '') {
        if (ended) throw new Bad('an empty line is followed by more lines');
        ended = true;
        continue;
      }
      if (ended) throw new Bad('an empty line is followed by more lines');
      if (text.startsWith('\u0000')) throw new Bad('the line is not valid UTF-8');
      if (!header) {
        const h = parseLine(text);
        requireCanonical(text, h, 'header');
        header = checkHeader(h, crypto);
        if (!options.publicKeys) keys = new Map(header.keys.keys.map((k) => [k.kid, k]));
        continue;
      }
      const eventParts = section === 'events' ? splitEventLine(text) : null;
      if (eventParts) {
        const expected = seq() + 1;
        const [eventText, hash] = eventParts;
        const event = parseLine(eventText) as unknown;
        checkEvent(event, header.chain);
        if (canonicalEvent(event) !== eventText) throw new Bad('the event is not in RFC 8785 canonical form', { seq: event.seq, eventId: event.id });
        if (event.seq !== expected) {
          throw new Bad(`event sequence ${event.seq} where ${expected} was expected (an event is missing or out of order)`, {
            seq: event.seq,
            eventId: event.id,
          });
        }
        const computed = crypto.chainHash(prev, eventText);
        if (computed !== hash) {
          throw new Bad('the event’s hash does not match its contents and the hash before it (altered, or an earlier event was removed)', {
            seq: event.seq,
            eventId: event.id,
          });
        }
        if (previous && event.seq === previous.seq && hash !== previous.hash) {
          throw new Bad(`the hash at sequence ${event.seq} differs from the previous head’s (the log was rewritten)`, { seq: event.seq, eventId: event.id });
        }
        hashes.push(hash);
        prev = hash;
        lastEventId = event.id;
        continue;
      }
      const value = parseLine(text);
      requireCanonical(text, value, 'line');
      if (value.type === 'checkpoint' && section === 'events') {
        const c = checkCheckpointShape(value, header.chain);
        const body = c.checkpoint;
        if (body.seq > seq()) throw new Bad(`the checkpoint vouches for sequence ${body.seq}, which comes later in the file or is missing`, { seq: body.seq });
        if (hashes[body.seq] !== body.hash) throw new Bad(`the checkpoint’s hash differs from the chain’s at sequence ${body.seq}`, { seq: body.seq });
        const key = keys.get(c.kid);
        if (!key)
          throw new Bad(
            `the checkpoint at sequence ${body.seq} is signed by key ${c.kid}, which is not ${options.publicKeys ? 'among the trusted keys' : 'listed'}`,
            { seq: body.seq },
          );
        if (!(await crypto.verifySignature(key, checkpointMessage(body), c.signature))) {
          throw new Bad(`the checkpoint’s signature at sequence ${body.seq} does not verify with key ${c.kid}`, { seq: body.seq });
        }
        checkpoints++;
        lastCheckpointSeq = Math.max(lastCheckpointSeq, body.seq);
        kids.add(c.kid);
        continue;
      }
      if (value.type === 'actor') {
        section = 'actors';
        checkActor(value);
        continue;
      }
      throw new Bad(section === 'actors' ? 'only actor lines may follow the actor lines' : `unexpected line of type ${String(value.type)}`);
    }
    if (!header) throw new Bad('the file is empty');
    if (!ended) throw new Bad('the file does not end with a line feed (LF)');
    if (checkpoints === 0) throw new Bad('the log has no signed checkpoint');
    if (lastCheckpointSeq < seq()) {
      throw new Bad(`events after sequence ${lastCheckpointSeq} are not covered by a signed checkpoint`, { seq: lastCheckpointSeq + 1 });
    }
    if (previous && previous.seq > seq()) {
      throw new Bad(`the log ends at sequence ${seq()}, before the previous head ${previous.seq}:${previous.hash} (cut short or rolled back)`);
    }
    if (previous && hashes[previous.seq] !== previous.hash) {
      throw new Bad(`the hash at sequence ${previous.seq} differs from the previous head’s (the log was rewritten)`, { seq: previous.seq });
    }
  } catch (error) {
    if (!(error instanceof Bad)) throw error;
    // A broken line among the events that is not a checkpoint stands where the next event should.
    if (error.where.seq === undefined && header && section === 'events' && !lineText.includes('"type":"checkpoint"') && lineText !== '') {
      error.where.seq = seq() + 1;
    }
    const where =
      error.where.seq !== undefined
        ? `event ${error.where.seq}${error.where.eventId ? ` (${error.where.eventId})` : ''}`
        : header
          ? `after event ${seq()}${lastEventId ? ` (${lastEventId})` : ''}`
          : '';
    return {
      ok: false,
      line: lineNumber,
      ...error.where,
      reason: error.reason,
      summary: `FAILED at line ${lineNumber}${where ? `, ${where}` : ''}: ${error.reason}`,
    };
  }
  const head = { seq: seq(), hash: prev };
  const pinned = Boolean(options.publicKeys);
  const name = header.tenant ? `${header.chain} (${header.tenant.slug})` : header.chain;
  return {
    ok: true,
    chain: header.chain,
    tenant: header.tenant,
    events: head.seq,
    checkpoints,
    head,
    kids: [...kids],
    pinned,
    summary:
      `OK ${name}: ${head.seq} events, head ${head.seq}:${head.hash}, ${checkpoints} signed checkpoint${checkpoints === 1 ? '' : 's'} ` +
      `(key ${[...kids].join(', ')}${pinned ? ', pinned' : ', as listed in the file: pass --public-key to pin it'})` +
      (previous ? `, extends ${previous.seq}:${previous.hash.slice(0, 16)}…` : ''),
  };
}

/** Trusted keys from a JWK or a JWK set (the kid is recomputed, whatever the file says). */
export function trustedKeysFromJwk(text: string, crypto: Pick<VerifyCrypto, 'sha256Base64url'>): PublicJwk[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('the public key file is not JSON');
  }
  const list = isObject(parsed) && Array.isArray(parsed.keys) ? parsed.keys : [parsed];
  return list.map((k: unknown) => {
    if (!isObject(k) || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string' || !B64URL.test(k.x)) {
      throw new Error('the public key is not an Ed25519 JWK');
    }
    const kid = crypto.sha256Base64url(`{"crv":"Ed25519","kty":"OKP","x":"${k.x}"}`);
    return { kty: 'OKP', crv: 'Ed25519', x: k.x, kid } as PublicJwk;
  });
}
