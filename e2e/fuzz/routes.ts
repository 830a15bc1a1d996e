// The app's HTTP endpoints as the file system declares them: every app/**/route.ts and the
// methods it exports, so that a new endpoint is fuzzed (or reported as missing hints) by itself.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = 'GET' | (typeof MUTATING_METHODS)[number];

export interface RouteEndpoint {
  method: Method;
  /** The URL pattern, dynamic segments kept as `[name]`: `/api/admin/documents/[id]/archive`. */
  pattern: string;
  file: string;
  /** The dynamic segments' names, in path order. */
  params: string[];
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** The methods a route file exports: `export const POST = ...` or `export async function POST(`. */
function exportedMethods(source: string): Method[] {
  const found = new Set<Method>();
  for (const m of source.matchAll(/^export\s+(?:const\s+(GET|POST|PUT|PATCH|DELETE)\b|(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b)/gm)) {
    found.add((m[1] ?? m[2]) as Method);
  }
  return [...found];
}

export function listEndpoints(): RouteEndpoint[] {
  const appDir = path.join(root, 'app');
  return routeFiles(appDir)
    .sort()
    .flatMap((file) => {
      const rel = path.relative(appDir, path.dirname(file)).split(path.sep);
      // Route groups `(name)` are not part of the URL.
      const segments = rel.filter((s) => s !== '' && !/^\(.*\)$/.test(s));
      const pattern = `/${segments.join('/')}`;
      const params = segments.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1));
      return exportedMethods(fs.readFileSync(file, 'utf8')).map((method) => ({ method, pattern, file: path.relative(root, file), params }));
    });
}

export const keyOf = (e: { method: string; pattern: string }) => `${e.method} ${e.pattern}`;
