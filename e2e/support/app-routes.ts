// Every page and route handler of the app, read from the file system when the tests run, so
// that a suite built on this list covers a route the day it is added.
import fs from 'node:fs';
import path from 'node:path';

const appDir = path.resolve(import.meta.dirname, '..', '..', 'app');

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const MUTATING_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

export interface AppRoute {
  /** The URL pattern, with dynamic segments as in the file system: `/api/lockbox/requests/[id]`. */
  pattern: string;
  kind: 'page' | 'handler';
  /** GET for pages; the methods a route handler exports. */
  methods: HttpMethod[];
  /** The dynamic segments' names, in order. */
  params: string[];
  file: string;
}

export function appRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name === 'page.tsx' || entry.name === 'route.ts') routes.push(describe(full, entry.name === 'page.tsx' ? 'page' : 'handler'));
    }
  };
  visit(appDir);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

function describe(file: string, kind: AppRoute['kind']): AppRoute {
  // Route groups `(name)` are not part of the URL.
  const segments = path.relative(appDir, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  const pattern = `/${segments.join('/')}`;
  const params = segments.flatMap((s) => (/^\[(.+)\]$/.test(s) ? [s.slice(1, -1)] : []));
  const methods = kind === 'page' ? (['GET'] as HttpMethod[]) : exportedMethods(fs.readFileSync(file, 'utf8'));
  if (methods.length === 0) throw new Error(`${file} exports no HTTP method the tests recognise`);
  return { pattern, kind, methods, params, file: path.relative(path.dirname(appDir), file) };
}

function exportedMethods(source: string): HttpMethod[] {
  return HTTP_METHODS.filter((m) =>
    new RegExp(`export\\s+(const\\s+${m}\\b|(async\\s+)?function\\s+${m}\\b)|export\\s*\\{[^}]*\\b(as\\s+)?${m}\\b[^}]*\\}`).test(source),
  );
}

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
