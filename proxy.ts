import { type NextRequest, NextResponse } from 'next/server';
import { arrivedOverHttps, FILE_POLICY, HSTS, newNonce, pagePolicy, servesFile } from '@/lib/http/content-security-policy';

/**
 * Every response gets its Content-Security-Policy here: pages a policy with a fresh nonce, which
 * Next.js reads from the request's own CSP header and puts on the scripts it renders (pages are
 * rendered per request: app/layout.tsx). HSTS goes on every answer given over HTTPS.
 */
export function proxy(request: NextRequest) {
  const overHttps = arrivedOverHttps(request.headers.get('x-forwarded-proto'), request.nextUrl.protocol);
  let response: NextResponse;
  let policy: string;
  if (servesFile(request.nextUrl.pathname)) {
    policy = FILE_POLICY;
    response = NextResponse.next();
  } else {
    policy = pagePolicy(newNonce());
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', policy);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set('Content-Security-Policy', policy);
  if (overHttps) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export const config = {
  // Built scripts and styles need no policy of their own.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
