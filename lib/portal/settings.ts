import { eq } from 'drizzle-orm';
import { portalSettings } from '@/drizzle/schema';
import { ANONYMOUS } from '@/lib/auth/actor';
import { config } from '@/lib/config/env';
import type { DbHandle } from '@/lib/db/with-actor';
import { withActor } from '@/lib/db/with-actor';

/** What the public portal shows of the settings: plain values, safe to cache as JSON. */
export interface PublicSettings {
  vendorName: string;
  tagline: string;
  overview: string;
  /** Changes whenever the logo does, for the logo's URL; null without a logo. */
  logoVersion: string | null;
  statusPageUrl: string | null;
  securityContact: string;
  securityTxtExpiresAt: string;
  preferredLanguages: string;
  disclosurePolicy: string;
  accessGrantDays: number;
  updatedAt: string;
}

export async function readPublicSettings(db: DbHandle): Promise<PublicSettings> {
  const [row] = await withActor(db, ANONYMOUS, (tx) => tx.select().from(portalSettings).where(eq(portalSettings.id, true)), {
    readOnly: true,
  });
  if (!row) return defaultSettings();
  return {
    vendorName: row.vendorName,
    tagline: row.tagline,
    overview: row.overview,
    logoVersion: row.logo ? String(row.updatedAt.getTime()) : null,
    statusPageUrl: row.statusPageUrl,
    securityContact: row.securityContact,
    securityTxtExpiresAt: row.securityTxtExpiresAt.toISOString(),
    preferredLanguages: row.preferredLanguages,
    disclosurePolicy: row.disclosurePolicy,
    accessGrantDays: row.accessGrantDays,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Until a trust admin saves the settings (a fresh production database is not seeded). */
function defaultSettings(): PublicSettings {
  return {
    vendorName: 'Trust Center',
    tagline: 'Security, privacy and compliance',
    overview: '',
    logoVersion: null,
    statusPageUrl: null,
    securityContact: `mailto:security@${config().appUrl.hostname}`,
    securityTxtExpiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    preferredLanguages: 'en',
    disclosurePolicy: '',
    accessGrantDays: 7,
    updatedAt: new Date(0).toISOString(),
  };
}
