import { expect, test } from '@playwright/test';
import { PORT } from '../playwright.config';
import { ACTOR_INFO, ACTORS, type ActorId, type Tenant } from './authz/actors';
import { type Answer, send } from './authz/http';
import { type Probe, probesFor } from './authz/probes';
import { type AppRoute, appRoutes, type Method } from './support/app-routes';
import { EXPECTED_ACCESS, type Rule } from './authz/table';
import { buildWorld, type World } from './authz/world';

// Every page and route handler of the app (read from app/ at test time), asked as every
// kind of actor, against the expected-access table in e2e/authz/table.ts. An unexpected 2xx, a
// refusal of an allowed actor, another tenant's data or a stack trace in an answer fails the test.
// It runs on its own server (the built app, a fresh embedded database): its fixtures include an
// approved lockbox grant, a break-glass session and a provisioned account, which the specs
// sharing the main server must not see.
test.describe.configure({ mode: 'serial' });

// Ports above PORT + 9 belong to specs' own servers: this one, input fuzzing and the faults specs.
const MATRIX_PORT = PORT + 16;
const PARALLEL = 8;

let world: World;
let supportGranted = false;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  world = await buildWorld(MATRIX_PORT);
});

test.afterAll(async () => {
  await world?.app.stop();
});

interface Pair {
  route: AppRoute;
  method: Method;
  rule: Rule;
}

/** Every (route, method) of the file system with its rule; a route or method the table does not know fails, named. */
function pairs(): { pairs: Pair[]; problems: string[] } {
  const routes = appRoutes();
  const problems: string[] = [];
  const out: Pair[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    seen.add(route.pattern);
    const entry = EXPECTED_ACCESS[route.pattern];
    if (!entry) {
      problems.push(`${route.file}: ${route.methods.join(', ')} ${route.pattern} has no entry in the expected-access table (e2e/authz/table.ts)`);
      continue;
    }
    for (const method of route.methods) {
      const rule = entry[method];
      if (!rule) problems.push(`${route.file}: ${method} ${route.pattern} has no rule in the expected-access table`);
      else out.push({ route, method, rule });
    }
    for (const method of Object.keys(entry) as Method[]) {
      if (!route.methods.includes(method)) problems.push(`the table has a rule for ${method} ${route.pattern}, which ${route.file} does not export`);
    }
  }
  for (const pattern of Object.keys(EXPECTED_ACCESS)) {
    if (!seen.has(pattern)) problems.push(`the table has an entry for ${pattern}, but no page or route handler serves it`);
  }
  return { pairs: out, problems };
}

const STACK_TRACE =
  /\bat [\w$.<>[\]]+ \(?(?:\/|file:|node:|webpack)[^)\s]*:\d+:\d+|node_modules\/|\/\.next\/server\/|\b(?:TypeError|ReferenceError|SyntaxError): /;
const BINARY = /^application\/(pdf|vnd\.openxmlformats|octet-stream)|^image\//;

function describeAnswer(a: Answer) {
  const body = a.text.replace(/\s+/g, ' ').slice(0, 160);
  return `${a.status}${a.location ? ` → ${a.location}` : ''}${BINARY.test(a.contentType) ? ` (${a.contentType})` : body ? `: ${body}` : ''}`;
}

/** What the table and the spec expect of one probe's answer; a failure sentence, or null. */
function judge(probe: Probe, a: Answer): string[] {
  const failures: string[] = [];
  const info = ACTOR_INFO[probe.actor];
  const page = probe.route.kind === 'page';
  const is2xx = a.status >= 200 && a.status < 300;
  const is3xx = a.status >= 300 && a.status < 400;
  const toSignIn = is3xx && /^(https?:\/\/[^/]+)?\/sign-in(\?|$)/.test(a.location ?? '');

  if (a.status >= 500) failures.push(`a server error`);
  if (probe.allowed) {
    const want = probe.rule.allowed ?? (probe.method === 'GET' && !probe.madeUp ? 'ok' : 'handled');
    if (want === 'ok' && !is2xx) failures.push('allowed, so a 2xx was expected');
    if (want === 'redirect' && !is3xx) failures.push('allowed, so a redirect was expected');
    if (want === 'handled' && (a.status === 401 || a.status === 403 || toSignIn)) failures.push('allowed, but refused');
    if (probe.rule.form && /[?&]error=(forbidden|unauthenticated)\b/.test(a.location ?? '')) failures.push('allowed, but the form was refused');
    if (Array.isArray(want) && !want.includes(a.status)) failures.push(`allowed, so one of ${want.join('/')} was expected`);
  } else if (probe.route.kind === 'handler' && probe.rule.form && is3xx) {
    if (!/[?&]error=(forbidden|not_found|unauthenticated)\b/.test(a.location ?? ''))
      failures.push('refused form: a redirect with ?error=forbidden or not_found was expected');
  } else if (probe.cross && probe.rule.allow.includes(probe.actor)) {
    // Another tenant's id where the actor may use the route: any 4xx (validation may come
    // before the lookup), never an answer.
    if (a.status < 400 || a.status >= 500) failures.push('cross-tenant: a 4xx was expected');
  } else {
    if (is2xx) failures.push('UNEXPECTED 2xx: the table refuses this actor');
    else if (page && info.kind === 'visitor' && !toSignIn) failures.push('refused page, signed out: a redirect to sign-in was expected');
    else if (page && info.kind !== 'visitor' && ![403, 404].includes(a.status)) failures.push('refused page, signed in: 403 (or 404) was expected');
    else if (!page && ![401, 403, 404].includes(a.status)) failures.push('refused: 401, 403 or 404 was expected');
  }

  // What the answer must never hold.
  if (!BINARY.test(a.contentType)) {
    if (STACK_TRACE.test(a.text)) failures.push('the answer carries a stack trace or internal path');
    const foreign: Tenant[] = [];
    if (info.kind === 'customer') foreign.push(info.tenant === 'acme' ? 'globex' : 'acme');
    if (info.kind === 'visitor') foreign.push('acme', 'globex');
    for (const tenant of foreign) {
      const leaked = world.markers[tenant].all.filter((m) => a.text.includes(m) && !probe.path.includes(m));
      if (leaked.length) failures.push(`the answer holds ${tenant}’s data: ${leaked.slice(0, 3).join(' | ')}`);
    }
    if (info.kind === 'staff') {
      // Staff never see a tenant's records without a grant or session, and a refusal shows no tenant's.
      const tenants: Tenant[] = !probe.allowed ? ['acme', 'globex'] : probe.tenant && !probe.seesRecords ? [probe.tenant] : [];
      for (const tenant of tenants) {
        const leaked = world.markers[tenant].records.filter((m) => a.text.includes(m) && !probe.path.includes(m));
        if (leaked.length) failures.push(`the answer holds ${tenant}’s confidential records without a grant: ${leaked.slice(0, 2).join(' | ')}`);
      }
    }
  }
  return failures;
}

async function run(probes: Probe[]) {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++];
      const cookie = probe.rule.freshSession ? await world.freshCookie(probe.actor) : world.cookies[probe.actor];
      // Pages are asked for as a browser would; route handlers get an empty JSON object to act on.
      const answer = await send(world.url, probe.method, probe.path, {
        cookie,
        body: probe.method === 'GET' || probe.method === 'HEAD' ? undefined : (!probe.allowed && probe.rule.refusedBody) || {},
        headers: probe.route.kind === 'page' ? { Accept: 'text/html' } : { Accept: 'application/json' },
      });
      for (const failure of judge(probe, answer)) {
        const expected = probe.allowed ? 'allowed' : probe.cross ? `cross-tenant probe (${probe.cross})` : 'refused';
        failures.push(
          `${probe.method} ${probe.path} [${probe.route.pattern}] as ${probe.actor} (${expected}${probe.madeUp ? ', made-up id' : ''}): ${failure}. Got ${describeAnswer(answer)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return failures;
}

function probesOf(list: Pair[], actors: readonly ActorId[]) {
  return list.flatMap(({ route, method, rule }) => actors.flatMap((actor) => probesFor(world, route, method, actor, rule)));
}

test('every page and route handler answers each kind of actor as the expected-access table says', async () => {
  test.setTimeout(300_000);
  const { pairs: list, problems } = pairs();
  expect(problems, `the routes on disk and the expected-access table disagree:\n${problems.join('\n')}`).toEqual([]);
  expect(list.length, 'routes were found').toBeGreaterThan(100);

  // Bob without a grant first; then carol approves his acme request and he is asked again.
  const before = ACTORS.filter((a) => a !== 'supportGranted');
  const first = probesOf(list, before);
  const failures = await run(first);
  await world.grantSupport();
  supportGranted = true;
  const second = probesOf(list, ['supportGranted']);
  failures.push(...(await run(second)));

  const all = [...first, ...second];
  const cross = all.filter((p) => p.cross).length;
  console.log(
    `authorization matrix: ${new Set(list.map((p) => p.route.pattern)).size} routes, ${list.length} route×method pairs, ${ACTORS.length} actors, ` +
      `${all.length} requests (${cross} cross-tenant or cross-grant probes), ${failures.length} failures`,
  );
  expect(failures, `${failures.length} answers differ from the expected-access table:\n${failures.sort().join('\n')}`).toEqual([]);
});

/** What a GET or HEAD may add to a chain: the sign-in it completes, or the refusal it earns. */
const NOT_AN_ACTION = new Set(['auth.signed_in', 'auth.sign_in_failed', 'auth.refused']);

/**
 * Reads that record themselves, each with the only kinds it may add: disclosures recorded as they
 * happen (a download, a staff read of a tenant's records), not changes. They are served only to
 * requests that did not start on another site (lib/http/recorded-read.ts), so no other site can
 * make a browser add them; asked for from the trust center itself, each adds its own kind.
 */
const RECORDED_READS: Record<string, string[]> = {
  '/api/admin/questionnaires/[slug]/export.csv': ['content.questionnaire_exported'],
  '/api/admin/questionnaires/[slug]/export.xlsx': ['content.questionnaire_exported'],
  '/api/admin/questionnaires/[slug]/pdf': ['content.questionnaire_exported'],
  '/api/admin/documents/[id]/versions/[version]': ['content.document_version_downloaded'],
  '/documents/[file]': ['access.document_downloaded'],
  '/console/dpa.pdf': ['dpa.downloaded'],
  '/api/tenants/[slug]/records': ['support.tenant_data_read', 'support.break_glass_data_read'],
  '/admin/tenants/[slug]/data': ['support.tenant_data_read', 'support.break_glass_data_read'],
};

interface Added {
  chain: string;
  kind: string;
  seq: number;
  subject: string;
}
const describeAdded = (e: Added) => `${e.chain}:${e.kind}#${e.seq} (${e.subject})`;

/** New events of every chain since the last look, read through the API by each chain's reader. */
class ChainWatch {
  private readonly chains = [
    { name: 'vendor', reader: 'trustAdmin' as ActorId, after: 0 },
    { name: 'acme', reader: 'acmeAdmin' as ActorId, after: 0 },
    { name: 'globex', reader: 'globexAdmin' as ActorId, after: 0 },
  ];

  async added(): Promise<Added[]> {
    const found: Added[] = [];
    for (const chain of this.chains) {
      for (;;) {
        const answer = await send(world.url, 'GET', `/api/governance/events?after=${chain.after}&limit=200`, { cookie: world.cookies[chain.reader] });
        expect(answer.status, `reading the ${chain.name} chain: ${answer.text.slice(0, 300)}`).toBe(200);
        const page = JSON.parse(answer.text) as { events: Omit<Added, 'chain'>[]; next: number };
        found.push(...page.events.filter((e) => !NOT_AN_ACTION.has(e.kind)).map((e) => ({ chain: chain.name, kind: e.kind, seq: e.seq, subject: e.subject })));
        chain.after = page.next;
        if (page.events.length < 200) break;
      }
    }
    return found;
  }
}

// A GET or HEAD is what any other site can make a signed-in browser send (a link, an image, a
// top-level navigation), so none may record an action: whatever is worth recording is a POST,
// behind the same-origin check. Each actor sweeps every readable route (HEAD too: Next answers
// it with the GET handler), first as a browser does when another site started the request
// (Sec-Fetch-Site: cross-site), then as from the trust center's own pages; the chains must hold
// nothing new but sign-ins and refusals, and the recorded reads only their own kinds, and those
// only when the request started here.
test('no GET or HEAD of any route, by any actor, adds anything to any chain but sign-ins and refusals', async () => {
  test.setTimeout(400_000);
  const reads = pairs().pairs.filter((p) => p.method === 'GET');
  expect(reads.length, 'readable routes were found').toBeGreaterThan(80);
  const unknown = Object.keys(RECORDED_READS).filter((pattern) => !reads.some((p) => p.route.pattern === pattern));
  expect(unknown, 'recorded reads that no GET route serves any more: take them off the list').toEqual([]);
  const watch = new ChainWatch();
  await watch.added();
  const failures: string[] = [];
  const sweep = async (probes: Probe[], startedOn?: 'cross-site') => {
    let next = 0;
    const worker = async () => {
      while (next < probes.length) {
        const probe = probes[next++];
        const cookie = probe.rule.freshSession ? await world.freshCookie(probe.actor) : world.cookies[probe.actor];
        const headers = {
          Accept: probe.route.kind === 'page' ? 'text/html' : 'application/json',
          ...(startedOn ? { 'Sec-Fetch-Site': startedOn } : {}),
        };
        for (const method of ['GET', 'HEAD']) await send(world.url, method, probe.path, { cookie, headers });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  };
  for (const actor of ACTORS) {
    if (actor === 'supportGranted' && !supportGranted) {
      await world.grantSupport();
      supportGranted = true;
      await watch.added();
    }
    const probes = probesOf(reads, [actor]);
    await sweep(probes, 'cross-site');
    const fromElsewhere = await watch.added();
    if (fromElsewhere.length) {
      const culprits = new Set<string>();
      for (const probe of probes) {
        await sweep([probe], 'cross-site');
        if ((await watch.added()).length) culprits.add(probe.route.pattern);
      }
      failures.push(
        `as ${actor}, started on another site: ${fromElsewhere.map(describeAdded).join(', ')}; recorded by ${[...culprits].join(', ') || 'routes that did not do it again'}`,
      );
    }
    const plain = probes.filter((p) => !RECORDED_READS[p.route.pattern]);
    await sweep(plain);
    const added = await watch.added();
    if (added.length) {
      // Which routes: each of the actor's probes again, one at a time.
      const culprits = new Set<string>();
      for (const probe of plain) {
        await sweep([probe]);
        if ((await watch.added()).length) culprits.add(probe.route.pattern);
      }
      failures.push(
        `as ${actor}: ${added.map(describeAdded).join(', ')}; recorded by a GET/HEAD of ${[...culprits].join(', ') || 'routes that did not do it again'}`,
      );
    }
    for (const [pattern, kinds] of Object.entries(RECORDED_READS)) {
      await sweep(probes.filter((p) => p.route.pattern === pattern));
      const other = (await watch.added()).filter((e) => !kinds.includes(e.kind));
      if (other.length) failures.push(`as ${actor}: a GET/HEAD of ${pattern} recorded ${other.map(describeAdded).join(', ')}`);
    }
  }
  expect(failures, `GET or HEAD requests recorded actions:\n${failures.join('\n')}`).toEqual([]);
});
