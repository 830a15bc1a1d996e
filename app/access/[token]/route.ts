import type { NextRequest } from 'next/server';
import { handler } from '@/lib/api/handler';
import { cookieValue, GRANT_COOKIE, tokensFromCookie } from '@/lib/access/grant-cookie';
import { liveTokens, redeemToken } from '@/lib/access/grants';
import { sessionCookieOptions } from '@/lib/auth/cookie';
import { redirectTo } from '@/lib/http/form-redirect';
import { limitForBrowser } from '@/lib/rate-limit/browser';

/**
 * The sign-in link from an approval mail: a valid token is kept in an HttpOnly cookie (with
 * other live grants this browser holds) until its grant ends, and the visitor goes to
 * /documents, where the granted documents download. Anything else gets a page saying why.
 */
export const GET = handler(
  { access: 'public', limit: (request) => limitForBrowser(request, 'tokenLink') },
  async ({ db, clock }, { request, params }: { request: NextRequest; params: { token: string } }) => {
    const { token } = params;
    const check = await redeemToken(db, clock, token);
    if (check.status !== 'valid') return noStore(redirectTo(`/access/invalid?reason=${check.status}`));
    const others = await liveTokens(
      db,
      clock,
      tokensFromCookie(request.cookies.get(GRANT_COOKIE)?.value).filter((t) => t !== token),
    );
    const kept = [{ token, expiresAt: check.expiresAt }, ...others];
    const until = new Date(Math.max(...kept.map((k) => k.expiresAt.getTime())));
    const response = redirectTo('/documents?access=granted#documents-list');
    response.cookies.set(GRANT_COOKIE, cookieValue(kept.map((k) => k.token)), sessionCookieOptions(until, request));
    return noStore(response);
  },
);

function noStore<T extends Response>(response: T): T {
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
