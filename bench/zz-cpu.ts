import { PGlite } from '@electric-sql/pglite';
import { systemClock } from '@/lib/clock';
import { migrate } from '@/lib/db/migrate';
import { embedded } from '@/lib/db/open';
import { renderDpaPdf } from '@/lib/dpa/pdf';
import { dpaRenderInput } from '@/lib/dpa/render-input';
import { currentDpaVersion } from '@/lib/dpa/versions';
import { seedDemoData } from '@/lib/seed/seed';
const pg = new PGlite();
const opened = embedded(pg);
await migrate(opened.admin());
await seedDemoData(opened.admin());
const v = (await currentDpaVersion(opened.database))!;
const input = await dpaRenderInput(opened.database, systemClock, { number: v.version, contentSha256: v.contentSha256, publishedAt: v.publishedAt, content: v.content }, null);
for (let i = 0; i < 3; i++) await renderDpaPdf(input);
const cpu: number[] = [];
for (let i = 0; i < 10; i++) {
  const c = process.cpuUsage();
  await renderDpaPdf(input);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
}
cpu.sort((a, b) => a - b);
console.log('cpu median', cpu[5].toFixed(0), 'min', cpu[0].toFixed(0));
process.exit(0);
