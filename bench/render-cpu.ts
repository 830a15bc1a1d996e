// What rendering a public page costs the app alone: the production server with no nginx in
// front, so every request is a render; anonymous requests at 16 connections; CPU time of the
// server process divided by the pages it served. Goal: at most 5 ms per page. A static file served by the same server is measured beside the pages: on a
// shared machine CPU time per request moves with the load, and the file shows by how much.
import os from 'node:os';
import autocannon from 'autocannon';
import { PUBLIC_PAGES } from './page-js';
import { startAppServer } from './support/app-server';

const CONNECTIONS = 16;
// Counted in requests rather than seconds, so that a busy machine still warms the JIT up.
const WARM_UP_REQUESTS = 300;
// Enough that a major garbage collection, wherever it falls, moves a page's figure by little.
const REQUESTS = 2000;
const GOAL_MS = 5;
const BASELINE = '/icon.svg';

export interface RenderCpuFigures {
  path: string;
  requests: number;
  perSecond: number;
  p99: number;
  errors: number;
  cpuPerRequest: number;
}

export async function benchRenderCpu(port = 3612) {
  console.log(
    `\nRendering a public page, the app alone (no nginx in front; ${CONNECTIONS} connections, anonymous, ${REQUESTS} requests per page after ${WARM_UP_REQUESTS}; goal <= ${GOAL_MS} ms of CPU per page)`,
  );
  const app = await startAppServer({ port, dataDir: `.data/bench-render-${port}` });
  const measure = async (path: string): Promise<RenderCpuFigures> => {
    const url = app.url + path;
    const before = app.cpuMs();
    const run = await autocannon({ url, connections: CONNECTIONS, amount: REQUESTS });
    const cpu = app.cpuMs() - before;
    return {
      path,
      requests: run.requests.total,
      perSecond: run.requests.average,
      p99: run.latency.p99,
      errors: run.errors + run.timeouts + run.non2xx,
      cpuPerRequest: cpu / run.requests.total,
    };
  };
  try {
    // Every page warms up before any is measured: the code they share is compiled by then.
    for (const path of [BASELINE, ...PUBLIC_PAGES]) await autocannon({ url: app.url + path, connections: CONNECTIONS, amount: WARM_UP_REQUESTS });
    const baseline = await measure(BASELINE);
    console.log(
      `  ${`${BASELINE} (a static file)`.padEnd(26)} ${baseline.cpuPerRequest.toFixed(2).padStart(6)} ms CPU per request  (load average ${os.loadavg()[0].toFixed(2)})`,
    );
    const figures: RenderCpuFigures[] = [];
    for (const path of PUBLIC_PAGES) {
      const f = await measure(path);
      figures.push(f);
      console.log(
        `  ${path.padEnd(26)} ${f.cpuPerRequest.toFixed(2).padStart(6)} ms CPU per page  (${(f.cpuPerRequest / baseline.cpuPerRequest).toFixed(1).padStart(4)}x the file; ${f.perSecond.toFixed(0).padStart(4)} pages/s, p99 ${String(f.p99).padStart(4)} ms, errors ${f.errors})  ${f.cpuPerRequest <= GOAL_MS && f.errors === 0 ? 'PASS' : 'FAIL'}`,
      );
    }
    const worst = Math.max(...figures.map((f) => f.cpuPerRequest));
    console.log(
      `  worst ${worst.toFixed(2)} ms per page (load average ${os.loadavg()[0].toFixed(2)}); goal <= ${GOAL_MS} ms: ${worst <= GOAL_MS && figures.every((f) => f.errors === 0) ? 'met' : 'not met'}`,
    );
    return { baseline, figures };
  } finally {
    await app.stop();
  }
}
