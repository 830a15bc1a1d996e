// Every page and route handler of the app, read from the file system at test time, so that a
// route added tomorrow is in the authorization matrix, the fuzzing and the header checks
// whether or not anyone remembers it.
import fs from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof HTTP_METHODS)[number];

export interface AppRoute {
  /** The URL pattern as Next.js spells it: `/api/tenants/[slug]/records/[id]`. */
  pattern: string;
  /** The file, relative to the repository. */
  file: string;
  kind: 'page' | 'handler';
  /** What a request may use: GET for a page, the exported handlers of a route.ts. */
  methods: Method[];
  /** The dynamic segments, in order: `['slug', 'id']`. */
  params: string[];
}

const root = path.resolve(import.meta.dirname, '..', '..');
const appDir = path.join(root, 'app');

/** The URL segment a folder stands for, or null when it adds none (route groups, parallel slots). */
function urlSegment(folder: string): string | null {
  if (/^\(.*\)$/.test(folder) || folder.startsWith('@')) return null;
  return folder;
}

/** The HTTP methods a route.ts exports: `export const GET`, `export async function POST`, `export { x as PUT }`. */
export function exportedMethods(source: string): Method[] {
  const found = new Set<Method>();
  const known = new Set<string>(HTTP_METHODS);
  for (const m of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function\*?)\s+([A-Z]+)\b/g)) {
    if (known.has(m[1])) found.add(m[1] as Method);
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name =
        part
          .trim()
          .split(/\s+as\s+/)
          .at(-1)
          ?.trim() ?? '';
      if (known.has(name)) found.add(name as Method);
    }
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

/** Walks app/ for page.tsx (and .ts/.jsx/.js) and route.ts files. */
export function appRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  const visit = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // Private folders (_components) are not routes.
        if (entry.name.startsWith('_')) continue;
        const segment = urlSegment(entry.name);
        visit(full, segment === null ? segments : [...segments, segment]);
        continue;
      }
      const match = entry.name.match(/^(page|route)\.(tsx|ts|jsx|js)$/);
      if (!match) continue;
      const pattern = `/${segments.join('/')}`;
      const params = segments.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1));
      const file = path.relative(root, full);
      if (match[1] === 'page') {
        routes.push({ pattern, file, kind: 'page', methods: ['GET'], params });
      } else {
        const methods = exportedMethods(fs.readFileSync(full, 'utf8'));
        if (methods.length === 0) throw new Error(`${file} exports no HTTP method the matrix can recognise`);
        routes.push({ pattern, file, kind: 'handler', methods, params });
      }
    }
  };
  visit(appDir, []);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export const MUTATING_METHODS: readonly Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** The pattern with its dynamic segments filled in. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for [${name}] in ${pattern}`);
    return encodeURIComponent(value);
  });
}

/** Pages anyone may open signed out: everything outside the consoles and the account pages. */
export function isPublicPage(route: AppRoute): boolean {
  return route.kind === 'page' && !/^\/(admin|console|account)(\/|$)/.test(route.pattern);
}

/** One route handler method: what the fuzzing calls. */
export interface RouteEndpoint {
  method: Method;
  pattern: string;
  file: string;
  params: string[];
}

/** Every method of every route handler (GET and the state-changing ones; HEAD and OPTIONS are Next.js's own). */
export function listEndpoints(): RouteEndpoint[] {
  return appRoutes()
    .filter((r) => r.kind === 'handler')
    .flatMap((r) =>
      r.methods.filter((m) => m === 'GET' || MUTATING_METHODS.includes(m)).map((method) => ({ method, pattern: r.pattern, file: r.file, params: r.params })),
    );
}

export const keyOf = (e: { method: string; pattern: string }) => `${e.method} ${e.pattern}`;
