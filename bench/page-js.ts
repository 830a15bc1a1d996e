// The JavaScript each public page loads at first, gzip-compressed, split into the framework's
// (Next.js, React, the Turbopack runtime) and the project's own (its client components and
// whatever only they import), read from the production build (bench/support/client-chunks.ts).
// Goal: the project's own code at most 20 kB per page; the rest of a public page should be
// server components and plain HTML forms.
import path from 'node:path';
import { root } from './support/app-server';
import { pageScripts, polyfills, routeChunks, type PageScripts } from './support/client-chunks';
import { ensureBuild } from './support/build';

export const PUBLIC_PAGES = ['/', '/certifications', '/security', '/subprocessors', '/documents', '/updates', '/vulnerability-disclosure', '/governance-log'];
const GOAL_OWN_KB = 20;

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

export async function benchPageJs(): Promise<PageScripts[]> {
  console.log(`\nClient JavaScript of the public pages, from the production build (gzip; goal: the project's own <= ${GOAL_OWN_KB} kB per page)`);
  ensureBuild();
  const nextDir = path.join(root, '.next');
  const chunksOf = routeChunks(nextDir);
  const figures: PageScripts[] = [];
  for (const route of PUBLIC_PAGES) {
    const chunks = chunksOf.get(route);
    if (!chunks) throw new Error(`the build lists no chunks for ${route}`);
    const f = pageScripts(nextDir, route, chunks);
    figures.push(f);
    const total = f.framework.gzip + f.own.gzip;
    const met = f.own.gzip <= GOAL_OWN_KB * 1024;
    console.log(
      `  ${route.padEnd(26)} ${String(f.chunks.length).padStart(2)} scripts, ${kB(f.framework.bytes + f.own.bytes).padStart(8)} (${kB(total)} gzip): framework ${kB(f.framework.gzip).padStart(8)}, own ${kB(f.own.gzip).padStart(7)}  ${met ? 'PASS' : 'FAIL'}`,
    );
    for (const e of f.ownEntries) console.log(`      ${e.name}: ${kB(e.gzip)} gzip (${kB(e.bytes)})`);
  }
  const legacy = polyfills(nextDir);
  console.log(`  (not counted: ${kB(legacy.gzip)} gzip of polyfills in a nomodule script, which only browsers without ES modules load)`);
  console.log(
    `  the project's own code on every public page <= ${GOAL_OWN_KB} kB: ${figures.every((f) => f.own.gzip <= GOAL_OWN_KB * 1024) ? 'met' : 'not met'}`,
  );
  return figures;
}
