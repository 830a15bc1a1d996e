// Lighthouse (mobile, its default config: simulated slow 4G and a 4x slower CPU) on the public
// pages of the production server. Goals: performance 95, accessibility, best practices and
// SEO 100. Chromium is the Debian one; nothing is fetched from the internet. Each page is
// audited LIGHTHOUSE_RUNS times (3 by default) and the median run is reported, as Lighthouse
// advises: its simulation scales the main-thread time it observes, so a busy machine moves
// Total Blocking Time from one run to the next. The median reports are written to
// .data/lighthouse/ for a closer look.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { root, startAppServer } from './support/app-server';

const PAGES = ['/', '/subprocessors', '/documents'];
const GOALS: Record<string, number> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

export interface LighthouseFigures {
  path: string;
  scores: Record<string, number>;
  metrics: Record<string, string>;
  failing: string[];
  /** The performance score of every run, the median run's first. */
  performanceRuns: number[];
  /** Scripts the page loaded (the median run): how many, and their bytes as transferred. */
  scripts: { count: number; transferBytes: number };
}

function lighthouseVersion() {
  const file = createRequire(import.meta.url).resolve('lighthouse/package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The audits that cost a category points: failed binary audits and numeric ones under 0.9. */
function failingAudits(lhr: Result) {
  const failing: string[] = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || (ref.weight === 0 && id !== 'performance')) continue;
      if (['manual', 'notApplicable', 'informative'].includes(audit.scoreDisplayMode)) continue;
      if (audit.score < (audit.scoreDisplayMode === 'binary' ? 1 : 0.9)) {
        failing.push(`[${id}] ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
      }
    }
  }
  return [...new Set(failing)];
}

/** The scripts a run loaded, from its network requests. */
function scriptsOf(lhr: Result) {
  const items = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
  const scripts = items.filter((i) => i.resourceType === 'Script');
  return { count: scripts.length, transferBytes: scripts.reduce((sum, i) => sum + (i.transferSize ?? 0), 0) };
}

const performanceOf = (lhr: Result) => Math.round((lhr.categories.performance?.score ?? 0) * 100);

/** One Lighthouse run; a run whose trace recording failed (NO_NAVSTART and the like, which Lighthouse itself says to retry) is run again, twice at most. */
async function audit(url: string, port: number) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (!lhr.runtimeError) return lhr;
    if (attempt === 3) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    console.log(`    (Lighthouse: ${lhr.runtimeError.code} on ${url}, running it again)`);
  }
}

export async function benchLighthouse(port = 3611) {
  console.log(
    `\nLighthouse ${lighthouseVersion()}, mobile (default config), on the production server, median of ${RUNS} run${RUNS === 1 ? '' : 's'} per page; goals: ${Object.entries(
      GOALS,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (!fs.existsSync(CHROME_PATH)) {
    console.log(`  skipped: no Chromium at ${CHROME_PATH} (apt-get install chromium, or set CHROME_PATH)`);
    return [];
  }
  const app = await startAppServer({ port, dataDir: `.data/bench-lighthouse-${port}` });
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  const outDir = path.join(root, '.data', 'lighthouse');
  fs.mkdirSync(outDir, { recursive: true });
  const figures: LighthouseFigures[] = [];
  try {
    for (const page of PAGES) {
      const runs: Result[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await audit(app.url + page, chrome.port));
      const lhr = computeMedianRun(runs) as Result;
      fs.writeFileSync(path.join(outDir, `${page === '/' ? 'overview' : page.slice(1)}.json`), JSON.stringify(lhr, null, 1));
      const scores = Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, Math.round((c.score ?? 0) * 100)]));
      const metrics = Object.fromEntries(METRICS.map((m) => [m, lhr.audits[m]?.displayValue ?? '?']));
      const f: LighthouseFigures = {
        path: page,
        scores,
        metrics,
        failing: failingAudits(lhr),
        performanceRuns: [lhr, ...runs.filter((r) => r !== lhr)].map(performanceOf),
        scripts: scriptsOf(lhr),
      };
      figures.push(f);
      const met = Object.entries(GOALS).every(([id, goal]) => (scores[id] ?? 0) >= goal);
      console.log(
        `  ${page.padEnd(15)} ${Object.entries(scores)
          .map(([id, s]) => `${id} ${s}`)
          .join('  ')}  ${met ? 'PASS' : 'FAIL'}`,
      );
      console.log(
        `    FCP ${metrics['first-contentful-paint']}, LCP ${metrics['largest-contentful-paint']}, TBT ${metrics['total-blocking-time']}, CLS ${metrics['cumulative-layout-shift']}, SI ${metrics['speed-index']}`,
      );
      console.log(
        `    ${f.scripts.count} scripts, ${(f.scripts.transferBytes / 1024).toFixed(1)} kB transferred; performance over the ${RUNS} runs: ${[...f.performanceRuns].sort((a, b) => a - b).join(', ')} (load average ${os.loadavg()[0].toFixed(2)})`,
      );
      for (const line of f.failing) console.log(`    - ${line}`);
    }
    return figures;
  } finally {
    chrome.kill();
    await app.stop();
  }
}
