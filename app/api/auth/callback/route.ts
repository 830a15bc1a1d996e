import { NextResponse } from 'next/server';
import { handler } from '@/lib/api/handler';
import { SESSION_COOKIE, sessionCookieOptions } from '@/lib/auth/cookie';
import { sessionDeps } from '@/lib/auth/request';
import { config } from '@/lib/core/config';
import { AppError } from '@/lib/core/errors';
import { finishSso } from '@/lib/identity/sso';
import { SSO_STATE_COOKIE } from '@/lib/identity/sso-state';
import { workosClient } from '@/lib/identity/workos-client';
import { clientKey } from '@/lib/rate-limit/request';

const forgetState = (response: NextResponse) => response.cookies.delete({ name: SSO_STATE_COOKIE, path: '/api/auth/callback' });

function toSignIn(error: unknown) {
  if (!(error instanceof AppError)) throw error;
  const response = new NextResponse(null, { status: 303, headers: { Location: `/sign-in?error=${error.code}` } });
  forgetState(response);
  return response;
}

/** Where WorkOS sends the browser back: exchange the code, start the session. */
export const GET = handler({ access: 'public', db: false, form: { when: 'always', back: '/sign-in', error: toSignIn } }, async (_ctx, { request }) => {
  const params = request.nextUrl.searchParams;
  const cfg = config();
  const sso = { code: params.get('code'), state: params.get('state'), error: params.get('error') };
  const deps = { ...(await sessionDeps()), workos: workosClient(cfg), cfg };
  const session = await finishSso(deps, sso, request.cookies.get(SSO_STATE_COOKIE)?.value, request.headers.get('user-agent'), clientKey(request));
  const finish = (response: NextResponse) => {
    response.cookies.set(SESSION_COOKIE, session.cookieValue, sessionCookieOptions(session.expiresAt, request));
    forgetState(response);
  };
  return { redirect: session.next ?? (session.kind === 'staff' ? '/admin' : '/console'), finish };
});
