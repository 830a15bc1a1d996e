// `npm run bench`: every benchmark of the project, printing ratios measured side by side.
// `npm run bench -- pages lighthouse` runs only the named ones (see TARGETS).
import os from 'node:os';
import { benchDpaRender } from './dpa-render';
import { benchGovernance } from './governance';
import { benchLighthouse } from './lighthouse';
import { benchMachineApi } from './machine-api';
import { benchPageJs } from './page-js';
import { benchPublicPages } from './public-pages';
import { benchRenderCpu } from './render-cpu';
import { benchStamp } from './stamp';
import { benchWithActor } from './with-actor';

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const TARGETS: Record<string, () => Promise<unknown>> = {
  'with-actor': () => benchWithActor(url),
  governance: () => benchGovernance(url),
  'dpa-render': () => benchDpaRender(),
  stamp: () => benchStamp(),
  pages: () => benchPublicPages(),
  'page-js': () => benchPageJs(),
  'render-cpu': () => benchRenderCpu(),
  lighthouse: () => benchLighthouse(),
  'machine-api': () => benchMachineApi(url),
};

const asked = process.argv.slice(2);
const unknown = asked.filter((t) => !(t in TARGETS));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const [load1] = os.loadavg();
console.log(
  `${new Date().toISOString()}  ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${load1.toFixed(2)}`,
);
for (const [name, run] of Object.entries(TARGETS)) {
  if (asked.length === 0 || asked.includes(name)) await run();
}
console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s; load average at the end ${os.loadavg()[0].toFixed(2)}.`);
process.exit(0);
