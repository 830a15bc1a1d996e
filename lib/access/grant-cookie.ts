import { looksLikeToken } from './tokens';

/**
 * The cookie a sign-in link sets: the grant tokens this browser holds (a reviewer may have
 * several grants), newest first. HttpOnly; set only when a visitor follows a link.
 */
export const GRANT_COOKIE = 'tc_grant';
const MAX_TOKENS = 5;

export function tokensFromCookie(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split('.').filter(looksLikeToken))].slice(0, MAX_TOKENS);
}

export function cookieValue(tokens: string[]): string {
  return [...new Set(tokens)].slice(0, MAX_TOKENS).join('.');
}
