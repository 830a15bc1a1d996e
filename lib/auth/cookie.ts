import { config } from '@/lib/core/config';
import { arrivedOverHttps } from '@/lib/http/security-headers';

export const SESSION_COOKIE = 'tc_session';

/** HttpOnly and SameSite=Lax always; Secure whenever the site is served over HTTPS: by APP_URL, or as the request arrived. */
export function cookieSecurity(request?: { url: string; headers: Headers }) {
  const overHttps =
    config().appUrl.protocol === 'https:' || (request ? arrivedOverHttps(request.headers.get('x-forwarded-proto'), new URL(request.url).protocol) : false);
  return { httpOnly: true, sameSite: 'lax' as const, secure: overHttps };
}

export function sessionCookieOptions(expiresAt: Date, request?: { url: string; headers: Headers }) {
  return { ...cookieSecurity(request), path: '/', expires: expiresAt };
}

/** Only same-site paths, never `//host` or a scheme: a sign-in link must not redirect elsewhere. */
export function safeNextPath(next: unknown): string | null {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : null;
}
