// Faults: PostgreSQL stops while requests flow and comes back; the app is killed in the middle
// of lockbox decisions and restarted. Each test runs its own app on a private PostgreSQL
// cluster (e2e/support/postgres-cluster.ts): the machine's shared server is never stopped.
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { type AppProcess, startApp } from './support/app-process';
import { verifyAllChains, type VerifiedChain } from './support/governance-chains';
import { type Answer, Client, json, signedIn } from './support/http-client';
import { type AppEnv, clusterForApps, onPrivateCluster, type PostgresCluster } from './support/postgres-cluster';
import { ACCOUNTS } from './helpers';

const BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
const APP_PORT = BASE + 11;
const PG_PORT = 50_000 + BASE + 11;

onPrivateCluster();

let cluster: PostgresCluster;
let env: AppEnv;
let app: AppProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  ({ cluster, env } = await clusterForApps(PG_PORT));
  app = await startApp({ port: APP_PORT, env });
});

test.afterAll(async () => {
  await app?.stop();
  await cluster?.remove();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unique = () => Math.random().toString(36).slice(2, 10);

function fileRequest(bob: Client) {
  return bob.post('/api/lockbox/requests', {
    tenant: 'acme',
    justification: `Customer reports failed exports, need to inspect (${unique()})`,
    ticket: `SUP-${unique()}`,
    durationMinutes: 60,
    access: 'read',
  });
}

/** A stack trace or a driver's message must never reach a client. */
function expectNoInternals(answer: Answer) {
  expect(answer.text).not.toMatch(/ECONNREFUSED|postgres\.js|node_modules|\bat [\w.<>]+ \(|\.js:\d+:\d+/);
}

function eventsAbout(chain: VerifiedChain, subject: string, kinds: string[]) {
  return chain.events.filter((e) => e.subject === subject && kinds.includes(e.kind));
}

/** Every acme request has exactly one `requested` event and, once decided, exactly one decision event. */
async function expectEveryRequestConsistent(acme: VerifiedChain) {
  const sql = postgres(env.DATABASE_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string; status: string; approvals: number }[]>`
      select r.id, r.status, (select count(*)::int from lockbox_approvals a where a.request_id = r.id) as approvals
      from lockbox_requests r join tenants t on t.id = r.tenant_id where t.slug = 'acme'`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(eventsAbout(acme, row.id, ['lockbox.requested']), `requested event of ${row.id}`).toHaveLength(1);
      const decisions = eventsAbout(acme, row.id, ['lockbox.approved', 'lockbox.denied']);
      if (row.status === 'pending') {
        expect(decisions, `a pending request (${row.id}) has no decision event`).toHaveLength(0);
        expect(row.approvals).toBe(0);
      } else {
        expect(
          decisions.map((d) => d.kind),
          `the decision events of ${row.id} (${row.status})`,
        ).toEqual([`lockbox.${row.status}`]);
        expect(row.approvals).toBe(row.status === 'approved' ? 1 : 0);
      }
    }
    return new Map(rows.map((r) => [r.id, r.status]));
  } finally {
    await sql.end();
  }
}

type Action = 'approve' | 'deny' | 'file' | 'list' | 'page';
interface Outcome {
  action: Action;
  id?: string;
  started: number;
  answer: Answer;
}

test('PostgreSQL stops while requests flow: 503s that say so, back within 5 s of its return, nothing committed lost', async () => {
  test.setTimeout(300_000);
  const url = app!.url;
  const bob = await signedIn(url, ACCOUNTS.bob);
  const carol = await signedIn(url, ACCOUNTS.carol);
  const queue: string[] = [];
  // Two of them are kept for the test's own decisions while the database is away: the workers
  // below can drain the queue before it stops.
  for (let i = 0; i < 32; i++) {
    const filed = await fileRequest(bob);
    expect(filed.status, filed.text).toBe(201);
    queue.push(json<{ request: { id: string } }>(filed).request.id);
  }
  const kept = queue.splice(0, 2);

  // Four clients, each doing one thing after another with no pause to speak of: decisions by
  // carol, new requests by bob, reads of the queue and of the console page.
  const outcomes: Outcome[] = [];
  let flowing = true;
  const perform = async (action: Action, keptId?: string) => {
    const started = Date.now();
    let id: string | undefined;
    let answer: Answer;
    if (action === 'approve' || action === 'deny') {
      id = keptId ?? queue.shift();
      if (!id) return;
      answer = await carol.post(`/api/lockbox/requests/${id}/${action}`, { comment: `${action} during the outage test` });
    } else if (action === 'file') {
      answer = await fileRequest(bob);
      if (answer.status === 201) {
        id = json<{ request: { id: string } }>(answer).request.id;
        queue.push(id);
      }
    } else if (action === 'list') {
      answer = await carol.get('/api/lockbox/requests');
    } else {
      answer = await carol.get('/console/lockbox', { accept: 'text/html' });
    }
    outcomes.push({ action, id, started, answer });
  };
  const worker = async (actions: Action[]) => {
    for (let n = 0; flowing; n++) {
      await perform(actions[n % actions.length]);
      await sleep(20);
    }
  };
  const workers = [worker(['approve', 'deny']), worker(['deny', 'approve']), worker(['file', 'list']), worker(['page', 'list'])];

  await sleep(2_000);
  const stopping = Date.now();
  await cluster.stop();
  const stopped = Date.now();

  // Down: health, API and page requests all answer at once with 503 that says why.
  await sleep(1_500);
  // Every kind of request meets the outage at least once, whatever the workers are doing.
  await Promise.all([perform('approve', kept[0]), perform('deny', kept[1]), perform('file'), perform('list'), perform('page')]);
  const health = await new Client(url).get('/api/health');
  expect(health.status).toBe(503);
  expect(json(health)).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
  const api = await carol.get('/api/lockbox/requests');
  expect(api.status).toBe(503);
  expect(json(api)).toMatchObject({ error: { code: 'database_unavailable', message: expect.stringMatching(/cannot reach its database/) } });
  expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
  const page = await carol.get('/console', { accept: 'text/html' });
  expect(page.status).toBe(503);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(page.text).toMatch(/temporarily unavailable/i);
  expect(page.text).toMatch(/cannot reach its database/);
  // Its own policy: only its own styles, by hash; no script, no framing.
  expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'.*frame-ancestors 'none'$/);
  for (const answer of [health, api, page]) expectNoInternals(answer);
  await sleep(1_000);

  await cluster.start();
  const returned = Date.now();
  expect(cluster.ready()).toBe(true);
  // Back: health, an API request and a page answer 200 again, each within 5 s of the return.
  const backWithin = async (probe: () => Promise<Answer>) => {
    for (;;) {
      const answer = await probe();
      if (answer.status === 200) return Date.now() - returned;
      if (Date.now() - returned > 5_000) throw new Error(`still ${answer.status} 5 s after PostgreSQL came back: ${answer.text.slice(0, 300)}`);
      await sleep(50);
    }
  };
  const recovery = {
    health: await backWithin(() => new Client(url).get('/api/health')),
    api: await backWithin(() => carol.get('/api/lockbox/requests')),
    page: await backWithin(() => carol.get('/console', { accept: 'text/html' })),
  };
  console.log(`[database-faults] PostgreSQL stopped in ${stopped - stopping} ms; the app answered 200 again after (ms since pg_ctl start returned):`, recovery);
  for (const ms of Object.values(recovery)) expect(ms).toBeLessThan(5_000);

  // Requests flow on for a while after the return, then stop.
  while (Date.now() - returned < 7_000) await sleep(100);
  flowing = false;
  await Promise.all(workers);

  // Every request was answered (none hung or dropped), in seconds, with success, a refusal
  // that is right for the request, or a 503 during the outage; never a 500 but in one case: a
  // page whose render was already under way when PostgreSQL stopped. Its queries fail mid-render,
  // and Next.js answers a failed render 500 (with the error page), whatever the cause; the proxy
  // answers 503 only before a render starts (docs/deployment.md, health checks).
  const timeline = outcomes.map((o) => `${o.action}@${o.started - stopping}ms→${o.answer.status || o.answer.failure} in ${o.answer.ms}ms`).join('\n');
  expect(outcomes.length, timeline).toBeGreaterThan(40);
  for (const { action, started, answer } of outcomes) {
    const what = `${action} at +${started - stopping} ms: ${answer.status} ${answer.failure ?? answer.text.slice(0, 200)}`;
    expect(answer.status, what).not.toBe(0);
    expect(answer.ms, what).toBeLessThan(10_000);
    expectNoInternals(answer);
    const renderCutShort = action === 'page' && answer.status === 500 && started < stopping && started + answer.ms >= stopping;
    if (renderCutShort) continue;
    if (answer.status === 503) {
      // Only while the database was away: from the stop until 5 s after its return.
      expect(started + answer.ms, what).toBeGreaterThanOrEqual(stopping);
      expect(started, what).toBeLessThan(returned + 5_000);
      if (action === 'page') expect(answer.text, what).toMatch(/cannot reach its database/);
      else expect(json(answer), what).toMatchObject({ error: { code: 'database_unavailable' } });
    } else {
      expect([200, 201], what).toContain(answer.status);
    }
  }
  // The outage was seen by every kind of request, and each kind succeeded on both sides of it.
  for (const action of ['approve', 'file', 'list', 'page'] as const) {
    const mine = outcomes.filter((o) => o.action === action || (action === 'approve' && o.action === 'deny'));
    expect(
      mine.some((o) => o.answer.status === 503),
      `${action} met the outage`,
    ).toBe(true);
    expect(
      mine.some((o) => o.started < stopping && o.answer.status < 300),
      `${action} succeeded before`,
    ).toBe(true);
    expect(
      mine.some((o) => o.started > returned && o.answer.status < 300),
      `${action} succeeded after`,
    ).toBe(true);
  }

  // Nothing committed is lost: every decision and request answered with success is in the
  // tables and in the verified chain, once; every chain verifies.
  const chains = await verifyAllChains(env);
  const statuses = await expectEveryRequestConsistent(chains.get('acme')!);
  for (const { action, id, answer } of outcomes) {
    if (!id || answer.status >= 300) continue;
    if (action === 'file') expect(statuses.get(id), `filed ${id}`).toBeDefined();
    else expect(statuses.get(id), `${action} of ${id}`).toBe(action === 'approve' ? 'approved' : 'denied');
  }
  // A decision answered 503 either did not happen or happened once (its COMMIT may have
  // reached the server before the connection dropped): never the other decision.
  for (const { action, id, answer } of outcomes) {
    if (!id || answer.status !== 503 || action === 'file') continue;
    expect(['pending', action === 'approve' ? 'approved' : 'denied'], `${action} of ${id} answered 503`).toContain(statuses.get(id));
  }
});

test('the app is killed in the middle of lockbox decisions: after a restart every request has exactly one state', async () => {
  test.setTimeout(300_000);
  const bob = await signedIn(app!.url, ACCOUNTS.bob);
  const carol = await signedIn(app!.url, ACCOUNTS.carol);
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    const filed = await fileRequest(bob);
    expect(filed.status, filed.text).toBe(201);
    ids.push(json<{ request: { id: string } }>(filed).request.id);
  }

  // Eight at a time, approvals and denials alternating; the process is killed (SIGKILL: no
  // graceful end) once the first few have been answered, with the rest in flight or unsent.
  const answers = new Map<string, { action: 'approve' | 'deny'; answer: Answer }>();
  let next = 0;
  let answered = 0;
  const killed = (async () => {
    while (answered < 5) await sleep(5);
    await app!.stop('SIGKILL');
  })();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ids.length) {
        const i = next++;
        const action = i % 2 === 0 ? 'approve' : 'deny';
        const answer = await carol.post(`/api/lockbox/requests/${ids[i]}/${action}`, { comment: `${action} before the kill` });
        answers.set(ids[i], { action, answer });
        answered++;
      }
    }),
  );
  await killed;
  const succeeded = [...answers.values()].filter((a) => a.answer.status === 200).length;
  const cut = [...answers.values()].filter((a) => a.answer.status === 0).length;
  console.log(`[database-faults] before the kill: ${succeeded} decisions answered 200, ${cut} cut off`);
  expect(succeeded).toBeGreaterThanOrEqual(5);
  expect(cut, 'the kill cut requests off').toBeGreaterThan(0);
  for (const { answer } of answers.values()) expect([0, 200], answer.text.slice(0, 200)).toContain(answer.status);

  app = await startApp({ port: APP_PORT, env });
  const after = new Client(app.url, carol.cookie);
  const states = new Map<string, string>();
  for (const id of ids) {
    const read = await after.get(`/api/lockbox/requests/${id}`);
    expect(read.status, read.text).toBe(200);
    states.set(id, json<{ request: { status: string } }>(read).request.status);
  }
  // A decision answered 200 stands; one cut off either happened whole or not at all.
  for (const [id, { action, answer }] of answers) {
    const decided = action === 'approve' ? 'approved' : 'denied';
    if (answer.status === 200) expect(states.get(id), `${action} of ${id}`).toBe(decided);
    else expect(['pending', decided], `${action} of ${id} (cut off)`).toContain(states.get(id));
  }
  for (const id of ids) if (!answers.has(id)) expect(states.get(id), `${id} was never decided`).toBe('pending');

  // The tables and the chain agree, one decision event per decided request, and every chain
  // verifies; what was left pending can still be decided.
  await expectEveryRequestConsistent((await verifyAllChains(env)).get('acme')!);
  for (const id of ids.filter((i) => states.get(i) === 'pending').slice(0, 5)) {
    const decided = await after.post(`/api/lockbox/requests/${id}/approve`, { comment: 'after the restart' });
    expect(decided.status, decided.text).toBe(200);
  }
  await expectEveryRequestConsistent((await verifyAllChains(env)).get('acme')!);
});
