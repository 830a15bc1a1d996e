import { type NextRequest, NextResponse } from 'next/server';
import { config as appConfig } from '@/lib/core/config';
import { FILE_POLICY, newNonce, pagePolicy, servesFile } from '@/lib/http/content-security-policy';

/**
 * Every page gets a Content-Security-Policy with a fresh nonce, which Next.js reads from the
 * request's own CSP header and puts on the scripts it renders (pages are rendered per request:
 * app/layout.tsx). Files served outside /api/ get the file policy. The fixed headers, HSTS
 * included, come from next.config.mjs.
 */
export function proxy(request: NextRequest) {
  if (servesFile(request.nextUrl.pathname)) {
    const response = NextResponse.next();
    response.headers.set('Content-Security-Policy', FILE_POLICY);
    return response;
  }
  const policy = pagePolicy(newNonce(), workosOrigin());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

function workosOrigin(): string | undefined {
  const { apiHostname, port, https } = appConfig().workos;
  return apiHostname ? `${https ? 'https' : 'http'}://${apiHostname}${port ? `:${port}` : ''}` : undefined;
}

export const config = {
  // Route handlers under /api/ are left alone: the proxy would buffer (and cap) their request
  // bodies. Built scripts and styles need no policy of their own.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};
