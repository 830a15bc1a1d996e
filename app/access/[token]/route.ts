import { cookieValue, GRANT_COOKIE, tokensFromCookie } from '@/lib/access/grant-cookie';
import { liveTokens, redeemToken } from '@/lib/access/grants';
import { sessionCookieOptions } from '@/lib/auth/cookie';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';
import { limitForBrowser } from '@/lib/rate-limit/browser';

/**
 * The sign-in link from an approval mail: a valid token is kept in an HttpOnly cookie (with
 * other live grants this browser holds) until its grant ends, and the visitor goes to
 * /documents, where the granted documents download. Anything else gets a page saying why.
 */
export const GET = route(async (request, { params }: { params: Promise<{ token: string }> }) => {
  const limited = await limitForBrowser(request, 'tokenLink');
  if (limited) return limited;
  const { token } = await params;
  const db = await getDatabase();
  const check = await redeemToken(db, systemClock, token);
  if (check.status !== 'valid') return noStore(redirectTo(`/access/invalid?reason=${check.status}`));
  const others = await liveTokens(db, systemClock, tokensFromCookie(request.cookies.get(GRANT_COOKIE)?.value).filter((t) => t !== token));
  const kept = [{ token, expiresAt: check.expiresAt }, ...others];
  const until = new Date(Math.max(...kept.map((k) => k.expiresAt.getTime())));
  const response = redirectTo('/documents?access=granted#documents-list');
  response.cookies.set(GRANT_COOKIE, cookieValue(kept.map((k) => k.token)), sessionCookieOptions(until, request));
  return noStore(response);
});

function noStore<T extends Response>(response: T): T {
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
