import { handler } from '@/lib/api/handler';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { sessionDeps } from '@/lib/auth/request';
import { revokeSession } from '@/lib/auth/sessions';

/** Ends the session row at once and clears the cookie. */
export const POST = handler({ access: 'public', db: false, form: { back: '/sign-in' } }, async (_ctx, { request }) => {
  await revokeSession(await sessionDeps(), request.cookies.get(SESSION_COOKIE)?.value);
  return { json: { ok: true }, redirect: '/sign-in?signed_out=1', finish: (response) => response.cookies.delete(SESSION_COOKIE) };
});
