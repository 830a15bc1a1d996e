// The DPA's render time, with no cache: the median over 20 renders in one process of the seeded
// DPA template and of an executed copy, after a warm-up. Goal: median under 150 ms.
import { PGlite } from '@electric-sql/pglite';
import { systemClock } from '@/lib/core/clock';
import { migrate } from '@/lib/db/migrate';
import { embedded } from '@/lib/db/open';
import { renderDpaPdf } from '@/lib/dpa/pdf';
import { type DpaRenderInput, dpaRenderInput } from '@/lib/dpa/render-input';
import { currentDpaVersion } from '@/lib/dpa/versions';
import { seedDemoData } from '@/lib/seed/seed';
import { median, percentile } from './support/stats';

const RUNS = 20;
const GOAL_MS = 150;

async function time(input: DpaRenderInput) {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    size = (await renderDpaPdf(input)).length;
    times.push(performance.now() - start);
  }
  return { median: median(times), p95: percentile(times, 95), size };
}

export async function benchDpaRender() {
  const pg = new PGlite();
  const opened = embedded(pg);
  await migrate(opened.admin());
  await seedDemoData(opened.admin());
  const v = (await currentDpaVersion(opened.database))!;
  const version = { number: v.version, contentSha256: v.contentSha256, publishedAt: v.publishedAt, content: v.content };
  const template = await dpaRenderInput(opened.database, systemClock, version, null);
  const executed = await dpaRenderInput(opened.database, systemClock, version, {
    id: '6b9b2b69-c293-4f02-8a4e-7defc537df4a',
    customerLegalName: 'Acme Corp',
    signerName: 'Carol Clark',
    signerTitle: 'Head of IT',
    signerEmail: 'carol@acme.example',
    executedAt: new Date().toISOString(),
  });
  await pg.close();

  // Warm-up: font loading and JIT, paid once per process.
  for (let i = 0; i < 3; i++) await renderDpaPdf(template);
  console.log(`\nDPA render (@react-pdf/renderer, no cache, median of ${RUNS} in one process; goal < ${GOAL_MS} ms)`);
  for (const [name, input] of [
    ['template', template],
    ['executed copy', executed],
  ] as const) {
    const r = await time(input);
    console.log(
      `  ${name.padEnd(14)} median ${r.median.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  ${(r.size / 1024).toFixed(0)} kB  ${r.median < GOAL_MS ? 'PASS' : 'FAIL'}`,
    );
  }
}
