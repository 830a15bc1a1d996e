// The fuzzer's side of the wire: sessions for the demo accounts, one request built from a
// generated "shot", the properties every answer must have, and a watch on the governance log
// that says whether a request changed anything.
import fc from 'fast-check';
import { ACCOUNTS } from '../helpers';
import { clientIp, evilValue, extraKey, fileBytes, fileName, hugeString, malformedJson, oneBadValue, wrongContentType } from './arbitraries';
import type { Actor, Hint } from './hints';

export interface Shot {
  label: string;
  contentType?: string;
  body?: string | Uint8Array | FormData;
  query?: Record<string, string>;
  accept?: string;
  origin?: string;
  headers?: Record<string, string>;
}

const OMIT = Symbol('omit');

// ---------------------------------------------------------------------------------------------
// Sessions

const EMAILS: Record<Exclude<Actor, 'anon' | 'fresh-dan' | 'service'>, string> = ACCOUNTS;

export class Sessions {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  /**
   * A session cookie for the actor (none for anon), kept for the whole run (the fuzzing server
   * keeps idle sessions for hours); fresh-dan gets a new session every time.
   */
  /** The secret of the service account the `service` actor calls the machine API with. */
  serviceSecret = '';

  /** What signs the actor in: its session cookie, or for `service` its bearer secret. */
  async credentials(actor: Actor): Promise<Record<string, string>> {
    if (actor === 'service') return { authorization: `Bearer ${this.serviceSecret}` };
    const cookie = await this.cookie(actor);
    return cookie ? { cookie } : {};
  }

  async cookie(actor: Actor): Promise<string | undefined> {
    if (actor === 'anon' || actor === 'service') return undefined;
    if (actor === 'fresh-dan') return this.signIn(ACCOUNTS.dan);
    let cookie = this.cookies.get(actor);
    if (!cookie) {
      cookie = await this.signIn(EMAILS[actor]);
      this.cookies.set(actor, cookie);
    }
    return cookie;
  }

  private async signIn(email: string): Promise<string> {
    const response = await fetch(`${this.base}/api/auth/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
      body: JSON.stringify({ email }),
    });
    if (response.status !== 200) throw new Error(`demo sign-in of ${email} answered ${response.status}: ${await response.text()}`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tc_session='));
    if (!cookie) throw new Error(`demo sign-in of ${email} set no session cookie`);
    return cookie.split(';')[0];
  }
}

const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

// ---------------------------------------------------------------------------------------------
// Shots: what one request sends

function replaceLeaf(value: unknown, n: { left: number }, replacement: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceLeaf(v, n, replacement));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceLeaf(v, n, replacement)]));
  return n.left-- === 0 ? replacement : value;
}

/** A good value, or the same with one leaf inside replaced by an evil value. */
function mutated(good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(good, fc.nat({ max: 8 }), evilValue).map(([v, n, evil]) => (v && typeof v === 'object' ? replaceLeaf(v, { left: n }, evil) : v));
}

/**
 * The endpoint's own fields plus extra keys: mostly every field valid but one (hostile, of the
 * wrong type, null, too long or missing), so that the bad one is what validation and the
 * database meet; sometimes every field at random.
 */
export function fieldObject(hint: Hint): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(hint.fields ?? {});
  const extras = fc.array(fc.tuple(extraKey, fc.oneof(evilValue, fc.constant({ isAdmin: true, role: 'trust_admin' }))), { maxLength: 2 });
  const build = (vals: unknown[], extra: [string, unknown][]) => {
    const entries: [string, unknown][] = [];
    fields.forEach(([name], i) => {
      if (vals[i] !== OMIT) entries.push([name, vals[i]]);
    });
    return Object.fromEntries([...entries, ...extra]);
  };
  const good = fc.tuple(...fields.map(([, arb]) => arb));
  const oneBad =
    fields.length === 0
      ? good
      : fc
          .nat({ max: fields.length - 1 })
          .chain((at) =>
            fc.tuple(
              ...fields.map(([, arb], i) =>
                i === at
                  ? fc.oneof({ weight: 6, arbitrary: oneBadValue }, { weight: 2, arbitrary: mutated(arb) }, { weight: 1, arbitrary: fc.constant(OMIT) })
                  : arb,
              ),
            ),
          );
  const anyMix = fc.tuple(
    ...fields.map(([, arb]) =>
      fc.oneof(
        { weight: 4, arbitrary: arb },
        { weight: 1, arbitrary: mutated(arb) },
        { weight: 3, arbitrary: evilValue },
        { weight: 1, arbitrary: fc.constant(OMIT) },
      ),
    ),
  );
  return fc
    .tuple(fc.oneof({ weight: 1, arbitrary: good }, { weight: 5, arbitrary: oneBad }, { weight: 2, arbitrary: anyMix }), extras)
    .map(([vals, extra]) => build(vals as unknown[], extra));
}

function formValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function formEncode(data: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) {
    if (Array.isArray(v)) for (const item of v) params.append(k, formValue(item));
    else params.append(k, formValue(v));
  }
  return params.toString();
}

const accept = fc.constantFrom(undefined, 'application/json', 'text/html,application/xhtml+xml', '*/*');
const origin = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null', 'not a url') },
);
const INVALID_UTF8 = [
  new Uint8Array([0xff, 0xfe, 0xfd]),
  new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  new Uint8Array([0xed, 0xa0, 0x80]),
];

/** Every kind of request body for an endpoint, weighted toward its real fields. */
export function shots(hint: Hint): fc.Arbitrary<Shot> {
  const fields = fieldObject(hint);
  const common = fc.record({ accept, origin });
  const kinds: fc.WeightedArbitrary<Shot>[] = [
    {
      weight: 6,
      arbitrary: fc
        .tuple(fields, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/merge-patch+json'), common)
        .map(([data, contentType, c]) => ({ label: 'json fields', contentType, body: JSON.stringify(data), ...c })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fields, common)
        .map(([data, c]) => ({ label: 'form fields', contentType: 'application/x-www-form-urlencoded', body: formEncode(data), ...c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.jsonValue({ maxDepth: 3 }), common)
        .map(([value, c]) => ({ label: 'random json', contentType: 'application/json', body: JSON.stringify(value) ?? 'null', ...c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(malformedJson, fc.constantFrom(...INVALID_UTF8)), fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), common)
        .map(([body, contentType, c]) => ({ label: 'malformed body', contentType, body, ...c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fields, fc.option(wrongContentType, { nil: undefined }), common)
        .map(([data, contentType, c]) => ({ label: 'wrong content type', contentType, body: JSON.stringify(data), ...c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fields, fc.constantFrom(...Object.keys(hint.fields ?? { padding: null })), hugeString, fc.boolean(), common)
        .map(([data, key, huge, asForm, c]) => {
          const big = { ...data, [key]: huge };
          return asForm
            ? { label: 'huge form field', contentType: 'application/x-www-form-urlencoded', body: formEncode(big), ...c }
            : { label: 'huge json field', contentType: 'application/json', body: JSON.stringify(big), ...c };
        }),
    },
  ];
  if (hint.upload) {
    const upload = hint.upload;
    kinds.push(
      {
        weight: 5,
        arbitrary: fc
          .tuple(fields, fileBytes, fileName, fc.constantFrom('application/pdf', 'image/png', 'text/csv', '', 'text/html'), fc.boolean(), common)
          .map(([data, bytes, name, type, fileAsText, c]) => {
            const form = new FormData();
            for (const [k, v] of Object.entries(data)) form.append(k, formValue(v));
            if (fileAsText) form.append(upload.field, formValue(data[upload.field] ?? 'not a file'));
            else form.append(upload.field, new Blob([bytes], { type }), name);
            return { label: 'multipart upload', body: form, ...c };
          }),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fields, fileBytes, fileName, fc.constantFrom('application/pdf', 'image/png', 'image/webp', 'text/csv', 'application/octet-stream'), common)
          .map(([data, bytes, name, contentType, c]) => {
            const query: Record<string, string> = { filename: name };
            for (const k of upload.query ?? []) if (k in data) query[k] = formValue(data[k]);
            return { label: 'raw upload', contentType, body: bytes, query, ...c };
          }),
      },
    );
  }
  return fc.oneof(...kinds);
}

// ---------------------------------------------------------------------------------------------
// Answers

/** What an answer must never contain: stack frames, file paths, driver or SQL error text. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\n\s*at [^\n]*[(\s/][^\n]*:\d+:\d+/],
  ['a stack frame', /\bat (?:async )?[\w$.<>]+ \((?:\/|file:|node:)[^)]*\)/],
  ['a node_modules path', /node_modules/],
  ['a source file position', /\.(?:ts|tsx|mjs|cjs|js):\d+/],
  ['an error with a file path', /Error: [^\n"]*(?:\/work\/|\/app\/|\/home\/|\/usr\/|[A-Z]:\\)/],
  [
    'SQL error text',
    /syntax error at or near|violates (?:not-null|unique|foreign key|check|exclusion) constraint|relation "[^"]+" does not exist|invalid byte sequence for encoding|invalid input syntax for type|duplicate key value|unterminated quoted string|column "[^"]+" (?:does not exist|of relation)|current transaction is aborted/,
  ],
  [
    'a database driver error',
    /PostgresError|DrizzleQueryError|Failed query:|PGlite|postgres\.js|ZodError|TypeError:|ReferenceError:|RangeError:|SyntaxError: /,
  ],
];

export function leakIn(body: string): string | null {
  for (const [what, pattern] of LEAKS) {
    const m = pattern.exec(body);
    if (m) return `${what}: …${body.slice(Math.max(0, m.index - 80), m.index + 120)}…`;
  }
  return null;
}

/** A refusal: an error status, or a form sent back with an error code. */
export function isRefusal(status: number, location: string | null): boolean {
  if (status >= 400) return true;
  return status >= 300 && status < 400 && /[?&](?:error|subscribe_error)=/.test(location ?? '');
}

export interface Answer {
  status: number;
  location: string | null;
  body: string;
  contentType: string;
}

/** The string with lone surrogates replaced (a URL cannot carry them). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const safeSegment = (s: string) => encodeURIComponent(wellFormed(s.slice(0, 1000)));
export const encodeSegment = safeSegment;

export async function send(base: string, method: string, path: string, shot: Shot, cookie: string | undefined, ip: string): Promise<Answer> {
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(shot.query ?? {})) url.searchParams.set(k, wellFormed(v).slice(0, 2000));
  const headers: Record<string, string> = { 'x-forwarded-for': ip };
  if (cookie) headers.cookie = cookie;
  if (shot.contentType !== undefined) headers['content-type'] = shot.contentType;
  if (shot.accept) headers.accept = shot.accept;
  if (shot.origin) headers.origin = shot.origin;
  Object.assign(headers, shot.headers);
  const hasBody = method !== 'GET' && method !== 'HEAD' && shot.body !== undefined;
  const response = await fetch(url, {
    method,
    headers,
    body: hasBody ? (shot.body as BodyInit) : undefined,
    redirect: 'manual',
    signal: AbortSignal.timeout(60_000),
  });
  const buffer = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: buffer.toString('utf8'),
    contentType: response.headers.get('content-type') ?? '',
  };
}

export const ipArbitrary = clientIp;

/** A short, printable account of a shot for failure messages. */
export function describeShot(shot: Shot): string {
  const body =
    shot.body instanceof FormData
      ? `multipart{${[...shot.body.keys()].join(',')}}`
      : shot.body instanceof Uint8Array
        ? `${shot.body.byteLength} bytes`
        : typeof shot.body === 'string'
          ? JSON.stringify(shot.body.length > 600 ? `${shot.body.slice(0, 600)}… (${shot.body.length} chars)` : shot.body)
          : 'none';
  return `${shot.label}; headers=${JSON.stringify(shot.headers ?? {})}; content-type=${JSON.stringify(shot.contentType)}; accept=${shot.accept ?? '-'}; origin=${shot.origin ?? '-'}; query=${JSON.stringify(shot.query ?? {})}; body=${body}`;
}

// ---------------------------------------------------------------------------------------------
// The governance log as the witness of change

/**
 * Kinds that record a refusal (or the clock's own work), not a change made by the request. An
 * access decision is recorded whatever it answers, a refused grant token included.
 */
const NOT_A_CHANGE = /^(?:auth\.refused|auth\.sign_in_failed|integration\.access_checked)$|_expired$/;

interface Chain {
  name: string;
  actor: Actor;
  after: number;
}

export class ChangeWatch {
  private chains: Chain[] = [
    { name: 'vendor', actor: 'alice', after: 0 },
    { name: 'acme', actor: 'carol', after: 0 },
    { name: 'globex', actor: 'erin', after: 0 },
  ];
  constructor(
    private readonly base: string,
    private readonly sessions: Sessions,
  ) {}

  private async newEvents(chain: Chain): Promise<{ kind: string; seq: number }[]> {
    const found: { kind: string; seq: number }[] = [];
    for (;;) {
      const response = await fetch(`${this.base}/api/governance/events?after=${chain.after}&limit=200`, {
        headers: { cookie: (await this.sessions.cookie(chain.actor)) ?? '', 'x-forwarded-for': randomIp() },
      });
      if (response.status !== 200) throw new Error(`reading the ${chain.name} chain answered ${response.status}: ${await response.text()}`);
      const page = (await response.json()) as { events: { kind: string; seq: number }[]; next: number };
      found.push(...page.events);
      chain.after = page.next;
      if (page.events.length < 200) return found;
    }
  }

  /** Makes what is in the log now the baseline. */
  async sync() {
    await Promise.all(this.chains.map((c) => this.newEvents(c)));
  }

  /** Events since the baseline that are changes (not refusals), and moves the baseline. */
  async changes(): Promise<string[]> {
    const events = await Promise.all(this.chains.map(async (c) => (await this.newEvents(c)).map((e) => ({ chain: c.name, ...e }))));
    return events
      .flat()
      .filter((e) => !NOT_A_CHANGE.test(e.kind))
      .map((e) => `${e.chain}:${e.kind}#${e.seq}`);
  }
}
