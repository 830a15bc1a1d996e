// The decision endpoint of the machine API under load: POST /api/v1/lockbox/decisions for a
// support engineer with an approved grant, against GET /api/health on the same server, side by
// side with autocannon (64 connections), alternating the two. Goal: the decision at least 0.5
// of health's throughput, with no errors. The server is the production build on a fresh
// embedded database as `npm start` runs it, then on a fresh PostgreSQL database.
import autocannon from 'autocannon';
import { seedDemoData } from '@/lib/seed/seed';
import { startAppServer } from './support/app-server';
import { scratchDatabase } from './support/scratch-database';

const CONNECTIONS = 64;
const WARM_UP_SECONDS = 3;
const ROUNDS = 2;
const SECONDS = 5;
const GOAL = 0.5;

async function call(url: string, path: string, init: { method?: string; body?: unknown; cookie?: string; bearer?: string } = {}) {
  const response = await fetch(url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return { json: (await response.json()) as Record<string, unknown>, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

const signIn = async (url: string, email: string) => (await call(url, '/api/auth/demo', { body: { email } })).cookie;

export async function benchMachineApi(postgresUrl: string, port = 3613) {
  console.log(
    `\nThe access decision under load (${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS} s after a ${WARM_UP_SECONDS} s warm-up; goal >= ${GOAL} of /api/health, no errors)`,
  );
  const results = [await measure('embedded database (PGlite)', port, {})];
  const scratch = await scratchDatabase(postgresUrl, 'bench_api');
  try {
    await seedDemoData(scratch.admin);
    results.push(await measure('PostgreSQL', port, { DATABASE_URL: scratch.url.href }));
  } finally {
    await scratch.admin.close();
    await scratch.drop();
  }
  return results;
}

async function measure(label: string, port: number, env: Record<string, string>) {
  console.log(`  ${label}`);
  // The bench is one client making every call: the per-account limit would otherwise stop it.
  const app = await startAppServer({ port, dataDir: `.data/bench-api-${port}`, env: { SERVICE_REQUESTS_PER_MINUTE: '10000000', ...env } });
  try {
    const alice = await signIn(app.url, 'alice@vendor.example');
    const { secret } = (await call(app.url, '/api/admin/service-accounts', { body: { name: 'Bench', scopes: ['lockbox:check'] }, cookie: alice })).json as {
      secret: string;
    };
    const bob = await signIn(app.url, 'bob@vendor.example');
    const request = (
      await call(app.url, '/api/lockbox/requests', {
        body: { tenant: 'acme', justification: 'Benchmarking the access decision under load', ticket: 'BENCH-1', durationMinutes: 480, access: 'read' },
        cookie: bob,
      })
    ).json as { id: string };
    await call(app.url, `/api/lockbox/requests/${request.id}/approve`, { body: { comment: 'bench' }, cookie: await signIn(app.url, 'carol@acme.example') });
    const decision = {
      url: `${app.url}/api/v1/lockbox/decisions`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ tenant: 'acme-1001', staff: { email: 'bob@vendor.example' }, access: 'read' }),
    };
    const answer = (await call(app.url, '/api/v1/lockbox/decisions', { body: JSON.parse(decision.body), bearer: secret })).json;
    if (answer.allowed !== true) throw new Error(`the decision should allow bob: ${JSON.stringify(answer)}`);
    const health = { url: `${app.url}/api/health` };
    const load = (options: autocannon.Options, seconds: number) => autocannon({ ...options, connections: CONNECTIONS, duration: seconds });
    await load(health, WARM_UP_SECONDS);
    await load(decision, WARM_UP_SECONDS);
    const runs = { health: [] as autocannon.Result[], decision: [] as autocannon.Result[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.health.push(await load(health, SECONDS));
      runs.decision.push(await load(decision, SECONDS));
    }
    const rps = (rs: autocannon.Result[]) => rs.reduce((sum, r) => sum + r.requests.average, 0) / rs.length;
    const errors = (rs: autocannon.Result[]) => rs.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
    const p99 = (rs: autocannon.Result[]) => Math.max(...rs.map((r) => r.latency.p99));
    const ratio = rps(runs.decision) / rps(runs.health);
    console.log(
      `    /api/health                    ${rps(runs.health).toFixed(0).padStart(6)} req/s  p99 ${p99(runs.health)} ms  errors ${errors(runs.health)}`,
    );
    console.log(
      `    POST /api/v1/lockbox/decisions ${rps(runs.decision).toFixed(0).padStart(6)} req/s  p99 ${p99(runs.decision)} ms  errors ${errors(runs.decision)}`,
    );
    console.log(`    ratio ${ratio.toFixed(2)}  ${ratio >= GOAL && errors(runs.decision) === 0 ? 'PASS' : 'FAIL'}`);
    return { label, ratio, health: rps(runs.health), decision: rps(runs.decision) };
  } finally {
    await app.stop();
  }
}
