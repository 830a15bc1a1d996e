import type { PublicSettings } from './settings';
import { MAX_EXPIRY_DAYS } from './settings';

const DAY_MS = 86_400_000;
/** How far ahead a lapsed expiry is pushed: short, so the file shows it needs renewing soon. */
export const LAPSED_EXPIRY_DAYS = 30;

/**
 * The Expires served: the stored one, but never more than a year ahead (RFC 9116 §2.5.5)
 * and never in the past, so the file is always valid. A lapsed expiry is pushed a short way
 * ahead; the staff settings page and `trust security audit` still point out that it lapsed.
 */
export function servedExpiry(stored: Date, now: Date): Date {
  const latest = now.getTime() + MAX_EXPIRY_DAYS * DAY_MS;
  const expires = stored.getTime() <= now.getTime() ? now.getTime() + LAPSED_EXPIRY_DAYS * DAY_MS : Math.min(stored.getTime(), latest);
  return new Date(Math.floor(expires / 1000) * 1000);
}

/** /.well-known/security.txt (RFC 9116) from the portal settings. */
export function securityTxt(settings: PublicSettings, appUrl: URL, now: Date): string {
  const at = (path: string) => new URL(path, appUrl).href;
  const expires = servedExpiry(new Date(settings.securityTxtExpiresAt), now).toISOString().replace('.000Z', 'Z');
  return [
    `# How to report a security vulnerability to ${oneLine(settings.vendorName)}.`,
    `Contact: ${oneLine(settings.securityContact)}`,
    `Expires: ${expires}`,
    `Preferred-Languages: ${oneLine(settings.preferredLanguages)}`,
    `Policy: ${at('/vulnerability-disclosure')}`,
    `Canonical: ${at('/.well-known/security.txt')}`,
    '',
  ].join('\n');
}

// Stored values are validated, but a field must never be able to start a new line.
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');
