import { handler } from '@/lib/api/handler';
import { SESSION_COOKIE, safeNextPath, sessionCookieOptions } from '@/lib/auth/cookie';
import { demoSignIn } from '@/lib/auth/demo';
import { sessionDeps } from '@/lib/auth/request';
import { backToSignIn } from '@/lib/auth/sign-in-error';
import { signInInput } from '@/lib/auth/sign-in-input';
import { config } from '@/lib/core/config';
import { clientKey } from '@/lib/rate-limit/request';

/** Demo sign-in, while WorkOS is not configured (docs/identity.md): JSON answers 200 with the cookie; a form post is redirected. */
export const POST = handler({ access: 'public', body: 'json-or-form', form: { back: '/sign-in', error: backToSignIn } }, async (_ctx, { request, data }) => {
  // Invalid input is a 400 `invalid_request` here, as the sign-in page expects.
  const { email, next } = signInInput.parse(data);
  const session = await demoSignIn({ ...(await sessionDeps()), enabled: config().demoSignIn }, email, request.headers.get('user-agent'), clientKey(request));
  const redirectTo = safeNextPath(next) ?? (session.kind === 'staff' ? '/admin' : '/console');
  return {
    json: { ok: true, user: { email: email.toLowerCase(), kind: session.kind }, redirectTo },
    redirect: redirectTo,
    finish: (response) => response.cookies.set(SESSION_COOKIE, session.cookieValue, sessionCookieOptions(session.expiresAt, request)),
  };
});
