// A zip bomb uploaded as answers: a real exported workbook whose worksheet the ZIP directory
// declares as 1 KB but that inflates to 1 GiB. It must be refused quickly and without the
// server's memory growing, even when several arrive at once. The spec runs its own server
// (port BASE + 17, a fresh embedded database) so that the memory it reads is that server's alone.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { PORT } from '../playwright.config';
import { zipBomb } from '../test/helpers/zip-bomb';
import { type AppProcess, startApp } from './support/app-process';
import { type Client, json, signedIn } from './support/http-client';
import { ACCOUNTS } from './helpers';

const APP_PORT = PORT + 17;
const SET = '/api/admin/questionnaires/caiq-lite';
const MB = 1024 * 1024;

let app: AppProcess;
let admin: Client;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  app = await startApp({ port: APP_PORT, env: { DEMO_SIGN_IN: '1' } });
  admin = await signedIn(app.url, ACCOUNTS.alice);
});

test.afterAll(async () => {
  await app?.stop();
});

/** The server's resident memory in bytes. */
function rss(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) * 1024;
}

/** Runs `work`, reading the server's memory every 20 ms: what it was before, and its peak. */
async function watchingMemory<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; before: number; peak: number }> {
  const before = rss(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss(pid));
  }, 20);
  try {
    const result = await work();
    return { result, before, peak: Math.max(peak, rss(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

async function upload(bytes: Buffer) {
  const started = performance.now();
  const response = await fetch(`${app.url}${SET}/import?filename=answers.xlsx`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
    signal: AbortSignal.timeout(120_000),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } }, ms: performance.now() - started };
}

test('a workbook that inflates to 1 GiB while declaring 1 KB is refused in under a second, four at once without the server’s memory growing', async () => {
  test.setTimeout(180_000);
  const exported = await fetch(`${app.url}${SET}/export.xlsx`, { headers: { cookie: admin.cookie } });
  expect(exported.status).toBe(200);
  const workbook = Buffer.from(await exported.arrayBuffer());
  const before = json(await admin.get(SET));

  // The honest workbook goes through (and loads everything the import needs, before memory is read).
  const honest = await upload(workbook);
  expect(honest.status, JSON.stringify(honest.body)).toBe(200);
  expect(honest.body).toMatchObject({ format: 'xlsx', rows: 48, changed: 0 });

  const bomb = zipBomb(workbook, 1024);
  expect(bomb.length).toBeLessThan(2 * MB);

  const single = await watchingMemory(app.pid, () => upload(bomb));
  const one = single.result;
  console.log(
    `[zip bomb] one: ${one.status} in ${Math.round(one.ms)} ms, RSS ${Math.round(single.before / MB)} MB before, ${Math.round(single.peak / MB)} MB at peak`,
  );
  expect(one.ms, 'one bomb refused within a second').toBeLessThan(1_000);
  expect(one.status, JSON.stringify(one.body)).toBe(413);
  expect(one.body.error).toEqual({
    code: 'file_too_large',
    message: 'The workbook’s part “xl/worksheets/sheet1.xml” expands to more than 20 MB. Import only the questionnaire’s answers sheet.',
  });

  const four = await watchingMemory(app.pid, () => Promise.all([1, 2, 3, 4].map(() => upload(bomb))));
  console.log(
    `[zip bomb] four at once: ${four.result.map((a) => `${a.status} in ${Math.round(a.ms)} ms`).join(', ')}; RSS ${Math.round(four.before / MB)} MB before, ${Math.round(four.peak / MB)} MB at peak`,
  );
  for (const answer of four.result) {
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe('file_too_large');
  }
  expect(four.peak - four.before, 'the server’s memory grew by less than 100 MB').toBeLessThan(100 * MB);

  expect(json(await admin.get(SET))).toEqual(before);
});
