import { config } from '@/lib/config/env';

export const SESSION_COOKIE = 'tc_session';

export function sessionCookieOptions(expiresAt: Date) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config().appUrl.protocol === 'https:',
    path: '/',
    expires: expiresAt,
  };
}

/** Only same-site paths, never `//host` or a scheme: a sign-in link must not redirect elsewhere. */
export function safeNextPath(next: unknown): string | null {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : null;
}
