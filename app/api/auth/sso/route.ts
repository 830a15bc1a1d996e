import { NextResponse } from 'next/server';
import { z } from 'zod';
import { cookieSecurity, safeNextPath } from '@/lib/auth/cookie';
import { sessionDeps } from '@/lib/auth/request';
import { config } from '@/lib/core/config';
import { AppError } from '@/lib/core/errors';
import { readBody, route } from '@/lib/http/route';
import { startSso } from '@/lib/identity/sso';
import { SSO_STATE_COOKIE, SSO_STATE_MAX_AGE_SECONDS } from '@/lib/identity/sso-state';
import { workosClient } from '@/lib/identity/workos-client';
import { clientKey } from '@/lib/rate-limit/request';

const input = z.object({ email: z.email().max(254), next: z.string().max(2000).optional() });

/** Starts SSO: routes the work e-mail to its organization and sends the browser to WorkOS. */
export const POST = route(async (request) => {
  const { form, data } = await readBody(request);
  try {
    const { email, next } = input.parse(data);
    const cfg = config();
    const { url, stateCookie } = await startSso({ ...(await sessionDeps()), workos: workosClient(cfg), cfg }, email, safeNextPath(next), clientKey(request));
    const response = form ? new NextResponse(null, { status: 303, headers: { Location: url } }) : NextResponse.json({ ok: true, url });
    response.cookies.set(SSO_STATE_COOKIE, stateCookie, {
      ...cookieSecurity(request),
      path: '/api/auth/callback',
      maxAge: SSO_STATE_MAX_AGE_SECONDS,
    });
    return response;
  } catch (error) {
    if (!form) throw error;
    const code = error instanceof AppError ? error.code : error instanceof z.ZodError ? 'invalid_request' : null;
    if (!code) throw error;
    return new NextResponse(null, { status: 303, headers: { Location: `/sign-in?error=${code}` } });
  }
});
