import { NextResponse } from 'next/server';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { sessionDeps } from '@/lib/auth/request';
import { revokeSession } from '@/lib/auth/sessions';
import { route } from '@/lib/http/route';

/** Ends the session row at once and clears the cookie. */
export const POST = route(async (request) => {
  await revokeSession(await sessionDeps(), request.cookies.get(SESSION_COOKIE)?.value);
  const isForm = (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  const response = isForm
    ? new NextResponse(null, { status: 303, headers: { Location: '/sign-in?signed_out=1' } })
    : NextResponse.json({ ok: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
});
