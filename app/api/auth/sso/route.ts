import { handler } from '@/lib/api/handler';
import { cookieSecurity, safeNextPath } from '@/lib/auth/cookie';
import { sessionDeps } from '@/lib/auth/request';
import { backToSignIn } from '@/lib/auth/sign-in-error';
import { signInInput } from '@/lib/auth/sign-in-input';
import { config } from '@/lib/core/config';
import { startSso } from '@/lib/identity/sso';
import { SSO_STATE_COOKIE, SSO_STATE_MAX_AGE_SECONDS } from '@/lib/identity/sso-state';
import { workosClient } from '@/lib/identity/workos-client';
import { clientKey } from '@/lib/rate-limit/request';

/** Starts SSO: routes the work e-mail to its organization and sends the browser to WorkOS. */
export const POST = handler({ access: 'public', body: 'json-or-form', form: { back: '/sign-in', error: backToSignIn } }, async (_ctx, { request, data }) => {
  const { email, next } = signInInput.parse(data);
  const cfg = config();
  const { url, stateCookie } = await startSso({ ...(await sessionDeps()), workos: workosClient(cfg), cfg }, email, safeNextPath(next), clientKey(request));
  const cookie = { ...cookieSecurity(request), path: '/api/auth/callback', maxAge: SSO_STATE_MAX_AGE_SECONDS };
  return { json: { ok: true, url }, redirect: url, finish: (response) => response.cookies.set(SSO_STATE_COOKIE, stateCookie, cookie) };
});
