// A real SQL injection scanner against the app's public forms and JSON endpoints:
//
//   node scripts/sqlmap-scan.mjs                 starts a production server on a fresh embedded database
//   node scripts/sqlmap-scan.mjs --url URL       scans a running server instead (see below)
//   node scripts/sqlmap-scan.mjs --only a,b      only the named targets (names as printed)
//
// It runs sqlmap (Debian: apt-get install sqlmap) in batch mode, one target at a time, through a
// small local proxy that gives every request its own X-Forwarded-For address: the server is
// started with TRUST_PROXY=1, so its per-address limits on the public forms do not answer 429
// and hide what the scanner is after. (A server given with --url only sees distinct addresses
// if it trusts X-Forwarded-For.) The proxy also counts the status codes of each target's
// answers: a 5xx means an input reached code that failed instead of being refused, a finding
// in itself. Output (sqlmap's logs and this summary) goes to .data/sqlmap/. Exit code 1 when a
// target is injectable, answered 5xx, or did not finish.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const PORT = Number(process.env.SQLMAP_PORT ?? 3620);
const PROXY_PORT = PORT + 1;
const TARGET_TIMEOUT_S = Number(process.env.SQLMAP_TARGET_TIMEOUT ?? 300);
const only = option('--only')?.split(',');

const version = spawnSync('sqlmap', ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  console.error('sqlmap is not installed. On Debian or Ubuntu: apt-get install sqlmap');
  process.exit(2);
}
const sqlmapVersion = version.stdout.trim().split('\n')[0];

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outDir = path.join(root, '.data', 'sqlmap', stamp);
fs.mkdirSync(outDir, { recursive: true });

// --- The server ------------------------------------------------------------------------------
let server = null;
let base = option('--url');
if (!base) {
  base = `http://127.0.0.1:${PORT}`;
  const dataDir = `.data/sqlmap-db-${PORT}`;
  fs.rmSync(path.join(root, dataDir), { recursive: true, force: true });
  console.log(`Starting the production server on ${base} (a fresh embedded database in ${dataDir}; builds first if the sources changed)...`);
  server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORT),
      APP_URL: base,
      DATA_DIR: dataDir,
      TRUST_PROXY: '1',
      DEMO_SIGN_IN: '1',
      // The scan of one target takes minutes: the signed-in sessions must outlive it.
      SESSION_IDLE_MINUTES: '240',
    },
    stdio: ['ignore', fs.openSync(path.join(outDir, 'server.log'), 'w'), fs.openSync(path.join(outDir, 'server.log'), 'a')],
    detached: true,
  });
  const stopServer = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // The group has already exited.
    }
  };
  process.on('exit', stopServer);
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited during start-up; see ${path.join(outDir, 'server.log')}`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) break;
    } catch {
      // Not listening yet: try again.
    }
    if (Date.now() > deadline) throw new Error('the server did not start within 10 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
}

// --- The proxy: a distinct client address per request, and the answers counted per target ----
let counter = 0;
let statuses = {};
const proxy = http.createServer((req, res) => {
  const url = new URL(req.url, base); // sqlmap sends absolute URLs to a proxy
  const target = new URL(base);
  counter++;
  const headers = { ...req.headers, host: target.host, 'x-forwarded-for': `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}` };
  delete headers['proxy-connection'];
  const upstream = http.request({ hostname: target.hostname, port: target.port, method: req.method, path: url.pathname + url.search, headers }, (answer) => {
    statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    statuses.proxyError = (statuses.proxyError ?? 0) + 1;
    res.writeHead(502).end(String(error.message));
  });
  req.pipe(upstream);
});
await new Promise((resolve) => proxy.listen(PROXY_PORT, '127.0.0.1', resolve));

// --- What the targets need: sessions, the NDA, a gated document -------------------------------
async function signIn(email) {
  const response = await fetch(`${base}/api/auth/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.255.0.${email.length}` },
    body: JSON.stringify({ email }),
  });
  if (response.status !== 200) throw new Error(`demo sign-in as ${email} answered ${response.status}: is DEMO_SIGN_IN on?`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return cookie;
}
const admin = await signIn('alice@vendor.example');
const customer = await signIn('carol@acme.example');
const { nda } = await (await fetch(`${base}/api/nda`)).json();
if (!nda) throw new Error('no NDA is published: the access request target needs one');
const documentsHtml = await (await fetch(`${base}/documents`)).text();
const gated = [...documentsHtml.matchAll(/name="document:([a-z0-9-]+)"/g)].map((m) => m[1]);
const publicPdf = documentsHtml.match(/href="\/documents\/([a-z0-9-]+)\.pdf"/)?.[1];
if (!gated.length || !publicPdf) throw new Error('the seeded /documents page has no gated or no public document');

const accessRequest = {
  name: 'Sam Scanner',
  email: 'sam@scanner.example',
  company: 'Scanner Ltd',
  reason: 'Security review',
  documents: [gated[0]],
  ndaVersionId: nda.id,
  ndaSha256: nda.sha256,
  typedName: 'Sam Scanner',
  acceptNda: true,
};
/** The access request as the /documents form posts it: a `document:<slug>` checkbox per document. */
const form = (o) =>
  new URLSearchParams(Object.entries(o).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [`document:${x}`, 'on']) : [[k, String(v)]]))).toString();

// Headers are tested (User-Agent, Referer, Host) where the app stores or reads them.
const NO_HEADERS = ['--skip', 'user-agent,referer,host'];
const TARGETS = [
  { name: 'subscribe-json', args: ['-u', `${base}/api/subscriptions`, '--data', JSON.stringify({ email: 'sub@scanner.example' }), ...NO_HEADERS] },
  { name: 'subscribe-form', args: ['-u', `${base}/api/subscriptions`, '--data', 'email=sub%40scanner.example', ...NO_HEADERS] },
  { name: 'access-request-json', args: ['-u', `${base}/api/access-requests`, '--data', JSON.stringify(accessRequest)], timeout: 2 },
  // The same handler after the form is read (lib/access/submit.ts fromForm): its free-text fields.
  { name: 'access-request-form', args: ['-u', `${base}/api/access-requests`, '--data', form(accessRequest), '-p', 'name,company,reason', ...NO_HEADERS] },
  { name: 'demo-sign-in', args: ['-u', `${base}/api/auth/demo`, '--data', JSON.stringify({ email: 'dan@acme.example', next: '/console' })] },
  { name: 'subprocessors-json', args: ['-u', `${base}/subprocessors.json?q=cloud&location=US&category=Contact`, ...NO_HEADERS] },
  { name: 'subprocessors-page', args: ['-u', `${base}/subprocessors?q=cloud&location=US&category=Contact%20data`, ...NO_HEADERS] },
  { name: 'documents-page', args: ['-u', `${base}/documents?want=${gated[0]}&error=invalid_name`, ...NO_HEADERS] },
  { name: 'document-pdf-path', args: ['-u', `${base}/documents/${publicPdf}*.pdf`, ...NO_HEADERS] },
  { name: 'access-token-path', args: ['-u', `${base}/access/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*`, ...NO_HEADERS] },
  // sqlmap skips parameters named like anti-CSRF tokens unless named with -p.
  // An unknown token answers 404: sqlmap is told that is a normal answer, not a missing page.
  {
    name: 'subscription-confirm',
    args: [
      '-u',
      `${base}/api/subscriptions/confirm`,
      '--data',
      JSON.stringify({ token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
      '--ignore-code',
      '404',
      '-p',
      'token',
      ...NO_HEADERS,
    ],
  },
  {
    name: 'unsubscribe',
    args: [
      '-u',
      `${base}/api/subscriptions/unsubscribe?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
      '--data',
      'List-Unsubscribe=One-Click',
      '--ignore-code',
      '404',
      '-p',
      'token,List-Unsubscribe',
      ...NO_HEADERS,
    ],
  },
  {
    name: 'governance-events (admin)',
    args: ['-u', `${base}/api/governance/events?kind=access&after=0&limit=50`, '--cookie', admin, '-p', 'kind,after,limit', ...NO_HEADERS],
  },
  { name: 'tenant-records (customer)', args: ['-u', `${base}/api/tenants/acme*/records`, '--cookie', customer, ...NO_HEADERS] },
].filter((t) => !only || only.includes(t.name));

const COMMON = [
  '--batch',
  '--flush-session',
  // Level 3 tests cookies, User-Agent and Referer besides the parameters; SQLMAP_LEVEL=5
  // SQLMAP_RISK=3 is the most thorough (and several times slower: an access request that
  // passes validation records an NDA acceptance and renders its PDF).
  '--level',
  process.env.SQLMAP_LEVEL ?? '3',
  '--risk',
  process.env.SQLMAP_RISK ?? '2',
  '--dbms',
  'PostgreSQL',
  '--technique',
  'BEUSTQ',
  '--time-sec',
  '2',
  '--threads',
  '2',
  '--disable-coloring',
  '--proxy',
  `http://127.0.0.1:${PROXY_PORT}`,
  '--output-dir',
  outDir,
  // Answers to sqlmap's questions beyond --batch's defaults: keep testing other parameters.
  '--answers',
  'keep testing=Y',
];

/** sqlmap's verdict from its output. */
function verdict(output) {
  const injectable = /sqlmap identified the following injection point|is vulnerable\. Do you want to keep testing/.test(output);
  const points = [...output.matchAll(/^Parameter: (.+)$/gm)].map((m) => m[1]);
  const notInjectable = /all tested parameters do not appear to be injectable|do not appear to be injectable/.test(output);
  const critical = [...output.matchAll(/\[CRITICAL\] (.+)/g)].map((m) => m[1]);
  const httpErrors = output.match(/HTTP error codes detected during run:\n([^\n]+)/)?.[1];
  const skipped = [...output.matchAll(/ignoring (?:\(custom\) )?\S+ parameter '([^']+)'/g)].map((m) => m[1]);
  return { injectable, points, notInjectable, critical, httpErrors, skipped };
}

const results = [];
const started = Date.now();
console.log(
  `${sqlmapVersion.startsWith('1') ? 'sqlmap ' : ''}${sqlmapVersion}: ${TARGETS.length} targets on ${base}, ${COMMON.slice(2, 10).join(' ')}; logs in ${path.relative(root, outDir)}/`,
);
for (const target of TARGETS) {
  statuses = {};
  const t0 = Date.now();
  const child = spawn('sqlmap', [...COMMON, ...target.args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TERM: 'dumb' } });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      child.kill('SIGTERM');
    },
    TARGET_TIMEOUT_S * 1000 * (target.timeout ?? 1),
  );
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  fs.writeFileSync(path.join(outDir, `${target.name.replace(/[^a-z0-9-]+/gi, '_')}.log`), output);
  const v = verdict(output);
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  const fiveXx = Object.entries(statuses)
    .filter(([s]) => /^5/.test(s))
    .reduce((a, [, n]) => a + n, 0);
  const state = v.injectable ? 'INJECTABLE' : timedOut ? 'timed out' : v.notInjectable ? 'not injectable' : `unclear (exit ${code})`;
  const result = {
    target: target.name,
    state,
    points: v.points,
    requests,
    statuses: { ...statuses },
    fiveXx,
    skipped: v.skipped,
    seconds: Math.round((Date.now() - t0) / 1000),
    critical: v.critical,
  };
  results.push(result);
  const codes = Object.entries(statuses)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  console.log(
    `  ${target.name.padEnd(28)} ${state.padEnd(15)} ${String(requests).padStart(5)} requests in ${String(result.seconds).padStart(3)} s  (${codes})`,
  );
  for (const p of v.points) console.log(`    injection point: ${p}`);
  if (v.skipped.length) console.log(`    not tested (sqlmap skipped them): ${v.skipped.join(', ')}`);
  for (const c of v.critical.filter((c) => !/do not appear to be injectable/.test(c))) console.log(`    sqlmap: ${c}`);
}

const bad = results.filter((r) => r.state !== 'not injectable' || r.fiveXx > 0 || r.skipped.length > 0);
const summary = {
  date: new Date().toISOString(),
  sqlmap: sqlmapVersion,
  base,
  options: COMMON.filter((a) => !a.includes(outDir) && !a.includes(String(PROXY_PORT))),
  seconds: Math.round((Date.now() - started) / 1000),
  results,
};
fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
console.log(
  bad.length === 0
    ? `No injectable parameter and no 5xx answer over ${TARGETS.length} targets (${summary.seconds} s).`
    : `${bad.length} target(s) need a look: ${bad.map((r) => `${r.target} (${r.state}${r.fiveXx ? `, ${r.fiveXx} x 5xx` : ''}${r.skipped.length ? `, skipped ${r.skipped.join(', ')}` : ''})`).join('; ')}`,
);
proxy.close();
process.exit(bad.length ? 1 : 0);
