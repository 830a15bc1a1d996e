import { NextResponse } from 'next/server';
import { z } from 'zod';
import { SESSION_COOKIE, safeNextPath, sessionCookieOptions } from '@/lib/auth/cookie';
import { demoSignIn } from '@/lib/auth/demo';
import { sessionDeps } from '@/lib/auth/request';
import { config } from '@/lib/core/config';
import { AppError } from '@/lib/core/errors';
import { readBody, route } from '@/lib/http/route';
import { clientKey } from '@/lib/rate-limit/request';

const input = z.object({
  email: z.email().max(254),
  next: z.string().max(2000).optional(),
});

/** Demo sign-in, while WorkOS is not configured (docs/identity.md): JSON answers 200 with the cookie; a form post is redirected. */
export const POST = route(async (request) => {
  const { form, data } = await readBody(request);
  try {
    const { email, next } = input.parse(data);
    const session = await demoSignIn({ ...(await sessionDeps()), enabled: config().demoSignIn }, email, request.headers.get('user-agent'), clientKey(request));
    const redirectTo = safeNextPath(next) ?? (session.kind === 'staff' ? '/admin' : '/console');
    const response = form
      ? new NextResponse(null, { status: 303, headers: { Location: redirectTo } })
      : NextResponse.json({ ok: true, user: { email: email.toLowerCase(), kind: session.kind }, redirectTo });
    response.cookies.set(SESSION_COOKIE, session.cookieValue, sessionCookieOptions(session.expiresAt, request));
    return response;
  } catch (error) {
    if (!form) throw error;
    const code = error instanceof AppError ? error.code : error instanceof z.ZodError ? 'invalid_request' : null;
    if (!code) throw error;
    return new NextResponse(null, { status: 303, headers: { Location: `/sign-in?error=${code}` } });
  }
});
