import 'server-only';
import { eq } from 'drizzle-orm';
import { portalSettings } from '@/drizzle/schema';
import type { Tx } from '@/lib/db/types';
import { LAPSED_EXPIRY_DAYS } from '@/lib/portal/security-txt';
import { type Finding, inProduction, type Posture } from './findings';

/** What /.well-known/security.txt is built from (lib/portal/security-txt.ts), or null before a trust admin saves the settings. */
export type SecurityTxtFacts = { expiresAt: Date; contact: string } | null;

export async function gatherSecurityTxtFacts(tx: Tx): Promise<SecurityTxtFacts> {
  const [row] = await tx
    .select({ expiresAt: portalSettings.securityTxtExpiresAt, contact: portalSettings.securityContact })
    .from(portalSettings)
    .where(eq(portalSettings.id, true));
  return row ?? null;
}

const DAY_MS = 86_400_000;
/** How long before the stored expiry the audit starts to remind. */
export const EXPIRY_WARNING_DAYS = 30;

const day = (d: Date) => d.toISOString().slice(0, 10);
const renew = 'A trust admin sets a new expiry (at most a year ahead) at /admin/settings.';

/**
 * The stored expiry. The app never serves a lapsed Expires (it pushes it a short way ahead,
 * lib/portal/security-txt.ts), but a lapsed one means nobody has confirmed the contact in time.
 */
export function securityTxtFindings(facts: SecurityTxtFacts, now: Date, posture: Posture): Finding[] {
  if (!facts) {
    return [
      {
        id: 'portal/security-txt-default',
        severity: inProduction(posture, 'low', 'info'),
        title: 'security.txt has never been set up',
        found: 'The portal settings were never saved, so /.well-known/security.txt names a default contact (security@ the APP_URL host) that may not exist.',
        fix: 'A trust admin saves the portal settings with the real security contact and expiry at /admin/settings.',
      },
    ];
  }
  const left = facts.expiresAt.getTime() - now.getTime();
  if (left <= 0) {
    return [
      {
        id: 'portal/security-txt-expired',
        severity: 'high',
        title: 'security.txt has expired',
        found: `The security.txt expiry was ${day(facts.expiresAt)}: the contact (${facts.contact}) has not been confirmed since, and the file now advertises a stop-gap expiry ${LAPSED_EXPIRY_DAYS} days ahead.`,
        fix: renew,
      },
    ];
  }
  if (left <= EXPIRY_WARNING_DAYS * DAY_MS) {
    return [
      {
        id: 'portal/security-txt-expiring',
        severity: 'medium',
        title: `security.txt expires in ${Math.ceil(left / DAY_MS)} day(s)`,
        found: `The security.txt expiry is ${day(facts.expiresAt)}; after it, researchers should no longer trust its contact (${facts.contact}).`,
        fix: renew,
      },
    ];
  }
  return [];
}
