import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE, sessionCookieOptions } from '@/lib/auth/cookie';
import { sessionDeps } from '@/lib/auth/request';
import { config } from '@/lib/core/config';
import { AppError } from '@/lib/core/errors';
import { route } from '@/lib/http/route';
import { finishSso } from '@/lib/identity/sso';
import { SSO_STATE_COOKIE } from '@/lib/identity/sso-state';
import { workosClient } from '@/lib/identity/workos-client';
import { clientKey } from '@/lib/rate-limit/request';

function toSignIn(code: string) {
  const response = new NextResponse(null, { status: 303, headers: { Location: `/sign-in?error=${code}` } });
  response.cookies.delete({ name: SSO_STATE_COOKIE, path: '/api/auth/callback' });
  return response;
}

/** Where WorkOS sends the browser back: exchange the code, start the session. */
export const GET = route(async (request: NextRequest) => {
  const params = request.nextUrl.searchParams;
  const cfg = config();
  try {
    const session = await finishSso(
      { ...(await sessionDeps()), workos: workosClient(cfg), cfg },
      { code: params.get('code'), state: params.get('state'), error: params.get('error') },
      request.cookies.get(SSO_STATE_COOKIE)?.value,
      request.headers.get('user-agent'),
      clientKey(request),
    );
    const target = session.next ?? (session.kind === 'staff' ? '/admin' : '/console');
    const response = new NextResponse(null, { status: 303, headers: { Location: target } });
    response.cookies.set(SESSION_COOKIE, session.cookieValue, sessionCookieOptions(session.expiresAt, request));
    response.cookies.delete({ name: SSO_STATE_COOKIE, path: '/api/auth/callback' });
    return response;
  } catch (error) {
    if (error instanceof AppError) return toSignIn(error.code);
    throw error;
  }
});
