// A cached public download against the same bytes from a bare Node http server, measured side
// by side with autocannon (64 connections), alternating the two twice. Goal: at least 0.7 of
// bare Node's throughput, and no errors.
import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

const CONNECTIONS = 64;
const SECONDS = 5;
const GOAL = 0.7;

interface Ports {
  bare: number;
  app: number;
  bytes: number;
}

function load(port: number, pathname: string) {
  return autocannon({ url: `http://127.0.0.1:${port}${pathname}`, connections: CONNECTIONS, duration: SECONDS });
}

export async function benchPublicDownload() {
  const child = fork(path.join(import.meta.dirname, 'support', 'download-servers.ts'), {
    execArgv: ['--import', path.join(import.meta.dirname, 'support', 'server-only.mjs'), '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const ports = await new Promise<Ports>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Ports));
      child.once('exit', (code) => reject(new Error(`the download servers exited (${code})`)));
    });
    // Warm-up of both.
    await load(ports.bare, '/dpa.pdf');
    await load(ports.app, '/documents/dpa.pdf');
    const runs = { bare: [] as autocannon.Result[], app: [] as autocannon.Result[] };
    for (let round = 0; round < 2; round++) {
      runs.bare.push(await load(ports.bare, '/dpa.pdf'));
      runs.app.push(await load(ports.app, '/documents/dpa.pdf'));
    }
    const rps = (rs: autocannon.Result[]) => rs.reduce((sum, r) => sum + r.requests.average, 0) / rs.length;
    const p99 = (rs: autocannon.Result[]) => Math.max(...rs.map((r) => r.latency.p99));
    const errors = (rs: autocannon.Result[]) => rs.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
    const ratio = rps(runs.app) / rps(runs.bare);
    console.log(`\nCached public download (${(ports.bytes / 1024).toFixed(0)} kB DPA, ${CONNECTIONS} connections, 2 x ${SECONDS} s each; goal >= ${GOAL} of bare Node, no errors)`);
    console.log(`  bare Node http   ${rps(runs.bare).toFixed(0).padStart(7)} req/s  p99 ${p99(runs.bare)} ms  errors ${errors(runs.bare)}`);
    console.log(`  app fast path    ${rps(runs.app).toFixed(0).padStart(7)} req/s  p99 ${p99(runs.app)} ms  errors ${errors(runs.app)}`);
    console.log(`  ratio ${ratio.toFixed(2)}  ${ratio >= GOAL && errors(runs.app) === 0 ? 'PASS' : 'FAIL'}`);
  } finally {
    child.kill();
  }
}
