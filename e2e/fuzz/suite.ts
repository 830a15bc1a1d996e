// The input fuzzing's shared suite: see e2e/input-fuzzing-1.api.spec.ts for what it checks.
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { FAKE_WORKOS_PORT, PORT } from '../../playwright.config';
import { FAKE_WORKOS, fakeWorkosEnv } from '../../test/helpers/fake-workos/fixtures';
import { signWebhook } from '../../test/helpers/fake-workos/sign';
import { evilString } from './arbitraries';
import { type Actor, GET_HINTS, HINTS, type Hint, type Ids, NOTICE_KEYS, PAGE_HINTS } from './hints';
import { type Answer, ChangeWatch, describeShot, encodeSegment, ipArbitrary, isRefusal, leakIn, type Shot, Sessions, send, shots } from './probe';
import { keyOf, listEndpoints, type RouteEndpoint } from '../support/app-routes';
import { type AppProcess, startApp } from '../support/app-process';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** Runs per refused actor: a refusal is decided before the body matters, so fewer are needed. */
const REFUSED_RUNS = Math.max(2, Math.ceil(RUNS / 5));
const GET_RUNS = Math.max(3, Math.ceil(RUNS / 2));

const endpoints = listEndpoints();
export const mutating = endpoints.filter((e) => e.method !== 'GET');

/** A per-endpoint seed, so that each endpoint has its own stream and FUZZ_SEED replays all. */
function seedFor(key: string, salt = 0): number {
  let h = SEED ^ salt;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0;
  return h | 0;
}

/** Ends that take the thing away (delete, archive, revoke, ...) are fuzzed last, so the others still find it. */
const destructive = (e: RouteEndpoint) => e.method === 'DELETE' || /\/(delete|remove|cancel|revoke|archive|end|announce|publish|signout)$/.test(e.pattern);

/**
 * One shard of the fuzzing, on a server of its own (port BASE + 10 + 2 × index, a fresh embedded
 * database): the state-changing endpoints are dealt out between the shards so that they run side
 * by side; shard 0 also fuzzes the queries of GET endpoints, shard 1 the pages and the regressions.
 */
export function fuzzShard(index: 0 | 1) {
  test.describe(`input fuzzing, shard ${index + 1} of 2`, () => {
    // One server for the whole file: its tests run in order in one worker.
    test.describe.configure({ mode: 'default' });

    let app: AppProcess;
    let sessions: Sessions;
    let watch: ChangeWatch;
    const ids = {} as Ids;

    test.beforeAll(async () => {
      test.setTimeout(240_000);
      console.log(`[fuzz] seed ${SEED} (FUZZ_SEED), ${RUNS} runs per endpoint and allowed actor, ${REFUSED_RUNS} per refused actor (FUZZ_RUNS)`);
      app = await startApp({
        port: PORT + 10 + 2 * index,
        env: {
          TRUST_PROXY: '1',
          DEMO_SIGN_IN: '1',
          SESSION_IDLE_MINUTES: '600',
          // WorkOS configured against the fake, so that SSO start and the webhook reach their checks.
          ...fakeWorkosEnv(FAKE_WORKOS_PORT),
        },
      });
      sessions = new Sessions(app.url);
      watch = new ChangeWatch(app.url, sessions);
      // Everyone signs in now: a sign-in is an event, and must not count as a fuzzed request's change.
      for (const actor of ['alice', 'bob', 'grace', 'heidi', 'carol', 'dan', 'erin'] as const) await sessions.cookie(actor);
      Object.assign(ids, await findIds(app.url, sessions));
      console.log(`[fuzz] ids ${JSON.stringify(ids)}`);
      await watch.sync();
    });

    test.afterAll(async () => {
      await app?.stop();
    });

    /** One request and its properties; throws (for fast-check) with everything needed to replay it. */
    async function probe(method: string, path: string, actor: Actor, shot: Shot, ip: string, expectRefusal: boolean, checkChange = true): Promise<Answer> {
      const credentials = await sessions.credentials(actor);
      if (actor === 'fresh-dan') await watch.sync();
      let answer: Answer;
      try {
        answer = await send(app.url, method, path, { ...shot, headers: { ...credentials, ...shot.headers } }, undefined, ip);
      } catch (error) {
        throw new Error(
          `${method} ${path} as ${actor} failed on the wire (${String(error)}): ${describeShot(shot)}\n--- server output ---\n${app.output().slice(-3000)}`,
        );
      }
      const said = () => `${method} ${path} as ${actor}, ${describeShot(shot)}\n→ ${answer.status} ${answer.location ?? ''} ${answer.body.slice(0, 600)}`;
      if (answer.status >= 500) throw new Error(`a 5xx answer: ${said()}\n--- server output ---\n${app.output().slice(-3000)}`);
      const leak = leakIn(answer.body);
      if (leak) throw new Error(`the answer leaks ${leak}\n${said()}`);
      const refused = isRefusal(answer.status, answer.location);
      if (expectRefusal && !refused) throw new Error(`an actor who may not call it was not refused: ${said()}`);
      if (checkChange) {
        const changed = await watch.changes();
        if (refused && changed.length) throw new Error(`a refused request changed state (${changed.join(', ')}): ${said()}`);
      }
      return answer;
    }

    /** Each dynamic segment: mostly its real value, sometimes a random UUID or a hostile string. */
    function paramsArbitrary(e: RouteEndpoint, sources: Record<string, keyof Ids | fc.Arbitrary<string>> = {}): fc.Arbitrary<string> {
      const parts = e.params.map((name) => {
        const source = sources[name];
        const real = source === undefined ? fc.uuid() : typeof source === 'string' ? fc.constant(ids[source]) : source;
        return fc.oneof(
          { weight: 8, arbitrary: real.map(encodeSegment) },
          { weight: 1, arbitrary: fc.uuid() },
          { weight: 1, arbitrary: evilString.filter((s) => s !== '').map(encodeSegment) },
          // Percent escapes that do not decode.
          { weight: 1, arbitrary: fc.constantFrom('%', '%E0', '%ZZ', '%uD800', '%E0%A4%A', '%C0%AF', '%2F%2F', '%00') },
        );
      });
      return fc.tuple(...parts).map((values) => e.params.reduce((path, name, i) => path.replace(`[${name}]`, values[i]), e.pattern));
    }

    const ordered = [...mutating].sort((a, b) => Number(destructive(a)) - Number(destructive(b)));
    for (const e of ordered.filter((_, i) => i % 2 === index)) {
      const key = keyOf(e);
      test(`fuzz ${key}`, async () => {
        const hint: Hint | undefined = HINTS[key];
        expect(hint, `no fuzzing hints for ${key} in e2e/fuzz/hints.ts`).toBeDefined();
        if (!hint) return;
        test.setTimeout(300_000);
        const paths = paramsArbitrary(e, hint.params);
        const bodies = hint.signedAsWorkos
          ? fc
              .tuple(shots(hint), fc.boolean())
              .map(([shot, signed]): Shot =>
                signed && typeof shot.body === 'string'
                  ? { ...shot, headers: { 'workos-signature': signWebhook(shot.body, FAKE_WORKOS.webhookSecret) } }
                  : shot,
              )
          : shots(hint);
        await watch.sync();
        const seen = new Map<string, number>();
        await fc.assert(
          fc.asyncProperty(bodies, paths, ipArbitrary, async (shot, path, ip) => {
            const a = await probe(e.method, path, hint.actor, shot, ip, false);
            const label =
              a.status >= 300 && a.status < 400 ? `${a.status}${/[?&](?:error|subscribe_error)=/.test(a.location ?? '') ? '-error' : ''}` : String(a.status);
            seen.set(label, (seen.get(label) ?? 0) + 1);
          }),
          { seed: seedFor(key), numRuns: RUNS },
        );
        console.log(`[fuzz] ${key} as ${hint.actor}: ${[...seen].map(([s, n]) => `${s}×${n}`).join(' ')}`);
        // The allowed actor's input must get past authentication, or the hints are wrong.
        if (hint.actor !== 'anon') expect(seen.get('401') ?? 0, `${hint.actor} was not signed in for ${key}`).toBe(0);
        for (const [i, actor] of hint.refused.entries()) {
          await fc.assert(
            fc.asyncProperty(shots(hint), paths, ipArbitrary, async (shot, path, ip) => {
              await probe(e.method, path, actor, shot, ip, true);
            }),
            { seed: seedFor(key, i + 1), numRuns: REFUSED_RUNS },
          );
        }
      });
    }

    for (const e of index === 0 ? endpoints.filter((x) => x.method === 'GET') : []) {
      const key = keyOf(e);
      test(`fuzz the query of ${key}`, async () => {
        test.setTimeout(120_000);
        const hint = GET_HINTS[key] ?? { actor: 'alice' as Actor };
        const known = Object.entries(hint.query ?? {});
        const query = fc
          .tuple(
            fc.tuple(...known.map(([, good]) => fc.option(fc.oneof(good, evilString), { nil: undefined }))),
            fc.array(
              fc.tuple(
                fc.oneof(fc.constantFrom('page', 'limit', 'offset', 'kind', 'from', 'to', 'status', 'q', 'token', '__proto__'), fc.string({ maxLength: 8 })),
                evilString,
              ),
              { maxLength: 3 },
            ),
          )
          .map(([values, extra]) => {
            const q: Record<string, string> = {};
            known.forEach(([name], i) => {
              if (values[i] !== undefined) q[name] = values[i];
            });
            for (const [k, v] of extra) q[k] = v;
            return q;
          });
        await fc.assert(
          fc.asyncProperty(query, paramsArbitrary(e, hint.params), ipArbitrary, async (q, path, ip) => {
            await probe('GET', path, hint.actor, { label: 'query', query: q }, ip, false, false);
          }),
          { seed: seedFor(key), numRuns: GET_RUNS },
        );
      });
    }

    // Counterexamples fast-check found (each was a 500), kept as fixed cases.
    if (index === 1)
      test('regressions: NUL characters, malformed escapes and raw segments in redirects are refused cleanly', async () => {
        test.setTimeout(60_000);
        const ip = '198.51.100.7';
        const nul = 'valid text \u0000\u0000';
        const json = (data: unknown): Shot => ({ label: 'regression json', contentType: 'application/json', body: JSON.stringify(data) });
        const form = (data: Record<string, string>): Shot => ({
          label: 'regression form',
          contentType: 'application/x-www-form-urlencoded',
          body: new URLSearchParams(data).toString(),
        });
        const errorCode = (a: Answer) => (JSON.parse(a.body) as { error: { code: string } }).error.code;
        await watch.sync();

        // NUL in a JSON text field reached PostgreSQL ("invalid byte sequence for encoding UTF8: 0x00").
        let a = await probe('POST', `/api/admin/access/requests/${ids.accessRequest}/deny`, 'alice', json({ note: nul }), ip, true);
        expect([a.status, errorCode(a)]).toEqual([400, 'invalid_characters']);
        a = await probe('POST', '/api/admin/security-blocks', 'alice', json({ title: nul, body: 'Body text' }), ip, true);
        expect([a.status, errorCode(a)]).toEqual([400, 'invalid_characters']);
        // The same from an HTML form goes back to its page with the code.
        a = await probe('POST', '/api/admin/updates', 'alice', form({ title: 'A title', body: nul }), ip, true);
        expect(a.status).toBe(303);
        expect(a.location).toContain('error=invalid_characters');
        // A public form, signed out.
        a = await probe(
          'POST',
          '/api/access-requests',
          'anon',
          json({ name: nul, email: 'nul@prospect.example', company: 'Initech', reason: 'Reading', documents: ['security-whitepaper'] }),
          ip,
          true,
        );
        expect(a.status).toBe(400);

        // NUL in a dynamic segment that is looked up (the questionnaire's slug).
        a = await probe(
          'POST',
          '/api/admin/questionnaires/valid%20text%20%00/answers',
          'alice',
          json({ answers: [{ questionId: 'IDA-01', answer: 'yes', comment: '', evidence: null }] }),
          ip,
          true,
        );
        expect(a.status).toBeGreaterThanOrEqual(400);
        expect(a.status).toBeLessThan(500);

        // A percent escape that does not decode, in a dynamic segment: Next.js answered 500.
        for (const path of ['/api/admin/security-blocks/%E0', '/documents/%ZZ.pdf', `/api/tenants/acme/records/${'%00'.repeat(10)}%0`]) {
          a = await probe('PATCH', path, 'alice', json({}), ip, true);
          expect([a.status, errorCode(a)]).toEqual([400, 'invalid_path']);
        }

        // A NUL tenant slug went raw into the form's redirect: an invalid Location header, a 500.
        a = await probe('PATCH', `/api/tenants/%00/records/${ids.record}`, 'bob', form({ title: 'Fuzzed text', body: '' }), ip, true);
        expect(a.status).toBe(303);
        expect(a.location).toMatch(/^\/admin\/tenants\/%00\/data\?error=/);

        // A notice code naming a member of Object.prototype found a function in the message map,
        // which React cannot render: the page answered 500.
        const page = (path: string, actor: Actor) => probe('GET', path, actor, { label: 'regression page', accept: 'text/html' }, ip, false, false);
        for (const [path, actor] of [
          ['/admin/access-requests?error=valueOf', 'alice'],
          ['/admin/lockbox?done=constructor', 'bob'],
          ['/admin/updates?error=toString', 'alice'],
          ['/console/users?error=hasOwnProperty', 'carol'],
          ['/sign-in?error=__proto__', 'anon'],
          ['/subprocessors?subscribe_error=constructor', 'anon'],
          ['/subscriptions/unsubscribe?error=valueOf', 'anon'],
          ['/admin/questionnaires/caiq-lite?error=constructor', 'alice'],
        ] as const) {
          expect((await page(path, actor)).status, path).toBe(200);
        }
      });

    if (index === 1)
      test('fuzz the filters and notices of pages', async () => {
        test.setTimeout(240_000);
        for (const page of PAGE_HINTS) {
          const notices = NOTICE_KEYS.map((k): [string, fc.Arbitrary<string>] => [k, fc.constantFrom('1', 'invalid_request', 'forbidden')]);
          const known = [...Object.entries(page.query), ...notices];
          const query = fc.tuple(...known.map(([, good]) => fc.option(fc.oneof(good, evilString), { nil: undefined }))).map((values) => {
            const q: Record<string, string> = {};
            known.forEach(([name], i) => {
              if (values[i] !== undefined) q[name] = values[i];
            });
            return q;
          });
          await fc.assert(
            fc.asyncProperty(query, ipArbitrary, async (q, ip) => {
              await probe('GET', page.path, page.actor, { label: 'page query', query: q, accept: 'text/html' }, ip, false, false);
            }),
            { seed: seedFor(page.path), numRuns: GET_RUNS },
          );
        }
      });
  });
}

// ---------------------------------------------------------------------------------------------
// Real ids for the dynamic segments, found in the demo data or made for the purpose.

async function findIds(base: string, sessions: Sessions): Promise<Ids> {
  const call = async (actor: Actor, method: string, path: string, body?: unknown) => {
    const cookie = await sessions.cookie(actor);
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${1 + Math.floor(Math.random() * 250)}`, ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 400) console.log(`[fuzz] setup ${method} ${path} as ${actor}: ${response.status} ${text.slice(0, 300)}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  };
  const firstOf = (value: unknown, field = 'id'): string | undefined => {
    if (Array.isArray(value)) {
      for (const v of value) {
        const found = firstOf(v, field);
        if (found) return found;
      }
    } else if (value && typeof value === 'object') {
      const own = (value as Record<string, unknown>)[field];
      if (typeof own === 'string') return own;
      for (const v of Object.values(value)) {
        const found = firstOf(v, field);
        if (found) return found;
      }
    }
    return undefined;
  };
  const orUuid = (id: string | undefined) => id ?? crypto.randomUUID();

  // The machine API's caller: a service account with every scope, which no hint rotates or revokes.
  const service = (await call('alice', 'POST', '/api/admin/service-accounts', {
    name: 'Fuzzing client',
    scopes: ['lockbox:check', 'grants:read', 'access:report'],
  })) as { secret?: string } | null;
  if (!service?.secret) throw new Error('the fuzzing setup could not create its service account');
  sessions.serviceSecret = service.secret;

  const nda = await call('anon', 'GET', '/api/nda');
  const ndaVersion = (nda as { nda?: { id?: string; sha256?: string } } | null)?.nda;
  const request = (email: string) =>
    call('anon', 'POST', '/api/access-requests', {
      name: 'Fuzz Setup',
      email,
      company: 'Initech',
      reason: 'To read the security documents before signing.',
      documents: ['soc2-type2-report'],
      ...(ndaVersion ? { ndaVersionId: ndaVersion.id, ndaSha256: ndaVersion.sha256, typedName: 'Fuzz Setup', acceptNda: true } : {}),
    });
  const granted = firstOf(await request('granted@initech.example'));
  if (granted) await call('alice', 'POST', `/api/admin/access/requests/${granted}/approve`, { note: 'setup' });
  const pending = firstOf(await request('pending@initech.example'));

  const lockbox = firstOf(
    await call('bob', 'POST', '/api/lockbox/requests', {
      tenant: 'acme',
      justification: 'Investigating a support ticket about exports.',
      ticket: 'T-1',
      durationMinutes: 60,
      access: 'read',
    }),
  );
  const readWrite = firstOf(
    await call('bob', 'POST', '/api/lockbox/requests', {
      tenant: 'acme',
      justification: 'Correcting a record the customer asked us to fix.',
      ticket: 'T-2',
      durationMinutes: 240,
      access: 'read_write',
    }),
  );
  if (readWrite) await call('carol', 'POST', `/api/lockbox/requests/${readWrite}/approve`, { comment: 'setup' });

  return {
    document: orUuid(firstOf(await call('alice', 'GET', '/api/admin/documents'))),
    version: '1',
    certification: orUuid(firstOf(await call('alice', 'GET', '/api/admin/certifications'))),
    block: orUuid(firstOf(await call('alice', 'GET', '/api/admin/security-blocks'))),
    update: orUuid(firstOf(await call('alice', 'GET', '/api/admin/updates'))),
    rule: orUuid(firstOf(await call('alice', 'GET', '/api/admin/access/rules'))),
    accessRequest: orUuid(pending),
    grant: orUuid(firstOf(await call('alice', 'GET', '/api/admin/access/grants'))),
    change: orUuid(
      firstOf(
        await call('alice', 'POST', '/api/admin/subprocessors/changes', {
          kind: 'remove',
          subprocessor: 'stripe',
          reason: 'setup',
          effectiveDate: '2027-06-01',
        }),
      ),
    ),
    questionnaire: firstOf(await call('alice', 'GET', '/api/admin/questionnaires'), 'slug') ?? 'caiq-lite',
    lockboxRequest: orUuid(lockbox),
    breakGlass: orUuid(
      firstOf(
        await call('grace', 'POST', '/api/break-glass', {
          tenant: 'globex',
          justification: 'Production incident needs emergency access.',
          incident: 'INC-1',
          durationMinutes: 30,
        }),
      ),
    ),
    forwarding: orUuid(firstOf(await call('carol', 'POST', '/api/governance/forwarding', { url: 'https://siem.example.com/hook', description: 'setup' }))),
    mapping: orUuid(firstOf(await call('carol', 'POST', '/api/identity/mappings', { groupName: 'Fuzz group', role: 'customer_member' }))),
    tenant: 'acme',
    record: orUuid(firstOf(await call('bob', 'GET', '/api/tenants/acme/records'))),
    serviceAccount: orUuid(firstOf(await call('alice', 'POST', '/api/admin/service-accounts', { name: 'Fuzzed account', scopes: ['lockbox:check'] }))),
  };
}
