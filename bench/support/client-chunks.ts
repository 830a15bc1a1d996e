// What a page's client JavaScript is made of, from the production build's output alone:
// - which chunks a route loads at first: .next/diagnostics/route-bundle-stats.json;
// - which modules each chunk holds: a Turbopack chunk is one call,
//   TURBOPACK.push([script, id, factory, id, factory, ...]), run here in an empty context with
//   a stand-in TURBOPACK array that only collects the factories (none is called);
// - which modules are the project's: the route's client reference manifest
//   (.next/server/app/<route>/page_client-reference-manifest.js) names every client component
//   the route's server components render, with its module id; those under the project's own
//   folders (app/, components/, lib/) are its entries.
// A module counts as the project's when only the project's client components reach it (its
// own code and whatever it imports that the framework does not load anyway: a date library, a
// schema library, lib/ code); everything the framework's modules reach is the framework's.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

export interface ClientModule {
  id: number;
  chunk: string;
  source: string;
  deps: number[];
}

export interface PageScripts {
  route: string;
  chunks: { file: string; bytes: number; gzip: number }[];
  /** Raw and gzip bytes of the framework's modules (Next.js, React, the Turbopack runtime). */
  framework: { bytes: number; gzip: number };
  /** Raw and gzip bytes of the modules only the project's client components bring in. */
  own: { bytes: number; gzip: number };
  /** The project's client components on the route, with the bytes each brings in alone. */
  ownEntries: { name: string; bytes: number; gzip: number }[];
}

const PUSH = '(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(';
const gzip = (text: string | Buffer) => gzipSync(text, { level: 6 }).length;

/** The modules of one client chunk; null for a chunk that is not a module list (the runtime). */
export function chunkModules(file: string, code = fs.readFileSync(file, 'utf8')): ClientModule[] | null {
  if (!code.startsWith(PUSH)) return null;
  const pushed: unknown[][] = [];
  const context = vm.createContext({ TURBOPACK: { push: (entry: unknown[]) => pushed.push(entry) } });
  vm.runInContext(code, context, { filename: file, timeout: 5_000 });
  const modules: ClientModule[] = [];
  for (const entry of pushed) {
    for (let i = 1; i < entry.length; i++) {
      const [id, factory] = [entry[i], entry[i + 1]];
      if (typeof id !== 'number' || typeof factory !== 'function') continue;
      const source = String(factory);
      modules.push({ id, chunk: path.basename(file), source, deps: dependencies(source) });
      i++;
    }
  }
  return modules;
}

/** Module ids a factory asks its Turbopack context for: ctx.r(12), ctx.i(12), ctx.A(12)... */
function dependencies(source: string) {
  const context = /^(?:function\s*\w*\s*)?\(?\s*([A-Za-z_$][\w$]*)/.exec(source)?.[1];
  if (!context) return [];
  const calls = new RegExp(`(?<![\\w$.])${context.replace(/\$/g, '\\$')}\\.[A-Za-z]{1,2}\\((\\d+)\\)`, 'g');
  return [...source.matchAll(calls)].map((m) => Number(m[1]));
}

/** The client reference manifest of an app route: module path → module id. */
function clientReferences(nextDir: string, route: string): Map<string, number> {
  const file = path.join(nextDir, 'server', 'app', route === '/' ? '' : route.slice(1), 'page_client-reference-manifest.js');
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file, timeout: 5_000 });
  const manifests = (context as { __RSC_MANIFEST?: Record<string, { clientModules: Record<string, { id: number | string }> }> }).__RSC_MANIFEST ?? {};
  const manifest = manifests[`${route === '/' ? '' : route}/page`];
  if (!manifest) throw new Error(`no client reference manifest for ${route} in ${file}`);
  const references = new Map<string, number>();
  for (const [key, { id }] of Object.entries(manifest.clientModules)) references.set(key.replace(/ <[^>]*>$/, ''), Number(id));
  return references;
}

/** `[project]/app/error.tsx` → `app/error.tsx`; null for a module from node_modules. */
function projectPath(reference: string) {
  const m = /^\[project\]\/(.*)$/.exec(reference);
  return m && !m[1].startsWith('node_modules/') ? m[1] : null;
}

/** The chunks each route loads at first, as the build recorded them. */
export function routeChunks(nextDir: string): Map<string, string[]> {
  const file = path.join(nextDir, 'diagnostics', 'route-bundle-stats.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: this reading of the build expects Next.js 16 with Turbopack`);
  const stats = JSON.parse(fs.readFileSync(file, 'utf8')) as { route: string; firstLoadChunkPaths: string[] }[];
  return new Map(stats.map((s) => [s.route, s.firstLoadChunkPaths.map((p) => path.basename(p))]));
}

function closure(start: Iterable<number>, byId: Map<number, ClientModule>, stopAt?: Set<number>) {
  const seen = new Set<number>();
  const queue = [...start];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id) || stopAt?.has(id) || !byId.has(id)) continue;
    seen.add(id);
    queue.push(...byId.get(id)!.deps);
  }
  return seen;
}

/** The client JavaScript a route loads at first, split into the framework's and the project's. */
export function pageScripts(nextDir: string, route: string, chunkFiles: string[]): PageScripts {
  const chunksDir = path.join(nextDir, 'static', 'chunks');
  const modules: ClientModule[] = [];
  const chunks = chunkFiles.map((file) => {
    const code = fs.readFileSync(path.join(chunksDir, file));
    modules.push(...(chunkModules(path.join(chunksDir, file), code.toString('utf8')) ?? []));
    return { file, bytes: code.length, gzip: gzip(code) };
  });
  const byId = new Map<number, ClientModule>();
  for (const m of modules) if (!byId.has(m.id)) byId.set(m.id, m);

  const entries = [...clientReferences(nextDir, route)]
    .map(([reference, id]) => ({ name: projectPath(reference), id }))
    .filter((e): e is { name: string; id: number } => e.name !== null && byId.has(e.id));
  const reachedByOwn = closure(
    entries.map((e) => e.id),
    byId,
  );
  const framework = closure(
    [...byId.keys()].filter((id) => !reachedByOwn.has(id)),
    byId,
  );
  const ownIds = new Set([...reachedByOwn].filter((id) => !framework.has(id)));

  const sourcesOf = (ids: Set<number>) => modules.filter((m) => ids.has(m.id)).map((m) => m.source);
  const weigh = (ids: Set<number>) => {
    const sources = sourcesOf(ids);
    return { bytes: sources.reduce((sum, s) => sum + Buffer.byteLength(s), 0), gzip: ids.size ? gzip(sources.join('\n')) : 0 };
  };
  const own = weigh(ownIds);
  const total = chunks.reduce((sum, c) => ({ bytes: sum.bytes + c.bytes, gzip: sum.gzip + c.gzip }), { bytes: 0, gzip: 0 });
  return {
    route,
    chunks,
    own,
    framework: { bytes: total.bytes - own.bytes, gzip: total.gzip - own.gzip },
    ownEntries: entries.map((e) => weigh(new Set([...closure([e.id], byId, framework)]))).map((w, i) => ({ name: entries[i].name, ...w })),
  };
}

/** The polyfills Next.js adds for browsers without ES modules (a nomodule script, which current browsers skip). */
export function polyfills(nextDir: string) {
  const manifest = JSON.parse(fs.readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as { polyfillFiles?: string[] };
  const files = (manifest.polyfillFiles ?? []).map((f) => fs.readFileSync(path.join(nextDir, f)));
  return { bytes: files.reduce((sum, f) => sum + f.length, 0), gzip: files.reduce((sum, f) => sum + gzip(f), 0) };
}
