import { type NextRequest, NextResponse } from 'next/server';
import { config as appConfig } from '@/lib/core/config';
import { watchDatabase } from '@/lib/db/availability';
import { OUTAGE_PAGE, OUTAGE_RETRY_AFTER_SECONDS, outagePolicy } from '@/lib/http/outage-page';
import { arrivedOverHttps, CSP, NONCE_PLACEHOLDER, newNonce, securityHeaders, servesFile } from '@/lib/http/security-headers';

/**
 * Every request passes here, in development as in production: this is the one place that
 * sets security headers (lib/http/security-headers.ts). A page gets a Content-Security-Policy
 * with a fresh nonce, which Next.js reads from the request's own CSP header and puts on the
 * scripts it renders. While PostgreSQL is away, a page that needs it is answered with a short
 * 503 page instead of being rendered into an error.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const https = arrivedOverHttps(request.headers.get('x-forwarded-proto'), request.nextUrl.protocol);
  if (servesFile(pathname)) return withHeaders(NextResponse.next(), securityHeaders({ pathname, https }));
  if (!databaseUp() && !rendersFromCache(request)) return outage(request, https);

  // A caching proxy in front asks for a placeholder it replaces in each copy (deploy/nginx.conf);
  // the app's server entry drops the request header unless that proxy is trusted.
  const nonce = request.headers.get('x-nonce-placeholder') === '1' ? NONCE_PLACEHOLDER : newNonce();
  const headers = securityHeaders({ pathname, https, nonce, workosOrigin: workosOrigin() });
  const forwarded = new Headers(request.headers);
  forwarded.set(CSP, headers[CSP]);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

function withHeaders(response: NextResponse, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

let watch: (() => boolean) | undefined;
/** The embedded database is in this process: it cannot be away. */
function databaseUp(): boolean {
  if (!watch) {
    const url = appConfig().databaseUrl;
    watch = url ? watchDatabase(url) : () => true;
  }
  return watch();
}

const PUBLIC_PAGES = new Set(['/', '/certifications', '/security', '/subprocessors', '/documents', '/updates', '/vulnerability-disclosure', '/governance-log']);

/** The public portal's pages, to an anonymous visitor, render from the app's data cache. */
function rendersFromCache(request: NextRequest): boolean {
  return request.method === 'GET' && PUBLIC_PAGES.has(request.nextUrl.pathname) && !request.headers.has('cookie');
}

async function outage(request: NextRequest, https: boolean) {
  const page = request.method === 'HEAD' ? null : OUTAGE_PAGE;
  const response = new NextResponse(page, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
  });
  return withHeaders(response, securityHeaders({ pathname: request.nextUrl.pathname, https }, await outagePolicy()));
}

function workosOrigin(): string | undefined {
  const { apiHostname, port, https } = appConfig().workos;
  return apiHostname ? `${https ? 'https' : 'http'}://${apiHostname}${port ? `:${port}` : ''}` : undefined;
}

// No matcher: every path, the build's own files and /api/ included. Request bodies reach route
// handlers whole: next.config.mjs sets the proxy's body limit above the largest upload.
