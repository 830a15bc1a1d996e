// The public pages under load: /, /subprocessors and /documents through the shipped nginx
// configuration (deploy/nginx.conf) in front of the production server, against a bare Node
// http server answering the same bytes, side by side with autocannon (64 connections),
// alternating the two. Goal: at least 0.9 of bare Node's throughput, and no errors. (What a
// render costs the app alone is bench/render-cpu.ts.) The servers are processes of their own;
// the load generator shares none's event loop.
import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { startNginx } from '../test/helpers/nginx';
import { startAppServer } from './support/app-server';
import type { CapturedPage } from './support/bare-pages';

const CONNECTIONS = 64;
const WARM_UP_SECONDS = 3;
const ROUNDS = 2;
const SECONDS = 5;
const GOAL = 0.9;
const PAGES = ['/', '/subprocessors', '/documents'];
// Headers that describe the connection or the moment, not the page.
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function load(url: string, seconds: number, connections = CONNECTIONS) {
  return autocannon({ url, connections, duration: seconds });
}

async function capture(base: string, pathname: string): Promise<CapturedPage> {
  const response = await fetch(base + pathname);
  if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_HEADERS.has(name)) headers[name] = value;
  });
  return { path: pathname, headers, body: Buffer.from(await response.arrayBuffer()).toString('base64') };
}

export interface PageFigures {
  path: string;
  bytes: number;
  bare: number;
  /** Through nginx. */
  app: number;
  ratio: number;
  bareP99: number;
  appP99: number;
  appErrors: number;
  bareErrors: number;
  /** Median latency through nginx with one connection. */
  serialMedian: number;
}

export async function benchPublicPages(port = 3610) {
  console.log(
    `\nPublic pages under load (${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS} s each after a ${WARM_UP_SECONDS} s warm-up; goal >= ${GOAL} of bare Node, no errors)`,
  );
  const app = await startAppServer({ port, dataDir: `.data/bench-pages-${port}`, env: { TRUST_PROXY: '1' } });
  const nginx = await startNginx(port, port + 5);
  const bare = fork(path.join(import.meta.dirname, 'support', 'bare-pages.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const pages = await Promise.all(PAGES.map((p) => capture(nginx.url, p)));
    const barePort = await new Promise<number>((resolve, reject) => {
      bare.once('message', (m) => resolve((m as { port: number }).port));
      bare.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
      bare.send(pages);
    });
    const bareUrl = `http://127.0.0.1:${barePort}`;
    const figures: PageFigures[] = [];
    for (const page of pages) {
      await load(bareUrl + page.path, WARM_UP_SECONDS);
      await load(nginx.url + page.path, WARM_UP_SECONDS);
      const runs = { bare: [] as autocannon.Result[], app: [] as autocannon.Result[] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.bare.push(await load(bareUrl + page.path, SECONDS));
        runs.app.push(await load(nginx.url + page.path, SECONDS));
      }
      const serial = await load(nginx.url + page.path, 3, 1);
      const rps = (rs: autocannon.Result[]) => rs.reduce((sum, r) => sum + r.requests.average, 0) / rs.length;
      const p99 = (rs: autocannon.Result[]) => Math.max(...rs.map((r) => r.latency.p99));
      const errors = (rs: autocannon.Result[]) => rs.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
      const f: PageFigures = {
        path: page.path,
        bytes: Buffer.from(page.body, 'base64').length,
        bare: rps(runs.bare),
        app: rps(runs.app),
        ratio: rps(runs.app) / rps(runs.bare),
        bareP99: p99(runs.bare),
        appP99: p99(runs.app),
        appErrors: errors([...runs.app, serial]),
        bareErrors: errors(runs.bare),
        serialMedian: serial.latency.p50,
      };
      figures.push(f);
      console.log(`  ${f.path} (${(f.bytes / 1024).toFixed(0)} kB of HTML)`);
      console.log(`    bare Node http   ${f.bare.toFixed(0).padStart(7)} req/s  p99 ${String(f.bareP99).padStart(4)} ms  errors ${f.bareErrors}`);
      console.log(
        `    through nginx    ${f.app.toFixed(0).padStart(7)} req/s  p99 ${String(f.appP99).padStart(4)} ms  errors ${f.appErrors}  (one connection: median ${f.serialMedian} ms)`,
      );
      console.log(`    ratio ${f.ratio.toFixed(3)}  ${f.ratio >= GOAL && f.appErrors === 0 ? 'PASS' : 'FAIL'}`);
    }
    const errorsTotal = figures.reduce((sum, f) => sum + f.appErrors, 0);
    console.log(
      `  errors: ${errorsTotal === 0 ? 'none (goal met)' : `${errorsTotal} (goal: none)`}; throughput goal >= ${GOAL}: ${figures.every((f) => f.ratio >= GOAL) ? 'met' : 'not met'}`,
    );
    return figures;
  } finally {
    bare.kill();
    await nginx.stop();
    await app.stop();
  }
}
