import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { portalSettings } from '@/drizzle/schema';
import { ANONYMOUS, type Actor } from '@/lib/core/actor';
import { config } from '@/lib/core/config';
import type { DbHandle } from '@/lib/db/with-actor';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { parseInput } from '@/lib/core/parse-input';
import { blankAsNull, text, wholeNumber } from './input';
import { asTrustAdmin, refusedByDatabase, rethrowRefusal } from '@/lib/auth/trust-admin';
import type { Ctx, DbActor } from '@/lib/db/ctx';

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

type SettingsRow = typeof portalSettings.$inferSelect;

function toPublic(row: SettingsRow): PublicSettings {
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

export async function readPublicSettings(db: DbHandle): Promise<PublicSettings> {
  const [row] = await withActor(db, ANONYMOUS, (tx) => tx.select().from(portalSettings).where(eq(portalSettings.id, true)), {
    readOnly: true,
  });
  return row ? toPublic(row) : defaultSettings();
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

/** The settings as the staff tools edit them: whether saved yet, and the logo's type. */
export interface AdminSettings extends PublicSettings {
  saved: boolean;
  logoType: string | null;
  logoSize: number | null;
}

export async function readSettingsForAdmin({ db, actor }: DbActor<Actor>): Promise<AdminSettings> {
  asTrustAdmin(actor);
  const [row] = await withActor(db, actor, (tx) => tx.select().from(portalSettings).where(eq(portalSettings.id, true)), {
    readOnly: true,
  });
  if (!row) return { ...defaultSettings(), saved: false, logoType: null, logoSize: null };
  return { ...toPublic(row), saved: true, logoType: row.logoType, logoSize: row.logo?.byteLength ?? null };
}

/** security.txt's Expires must lie ahead, and RFC 9116 asks for less than a year. */
export const MAX_EXPIRY_DAYS = 365;
const DAY_MS = 86_400_000;

/** What each field must be, in words: used by the validation and by the staff page. */
export const SETTINGS_FIELD_MESSAGES = {
  vendorName: 'Enter the vendor’s name, up to 100 characters.',
  tagline: 'The tagline can be up to 300 characters.',
  overview: 'The overview can be up to 4,000 characters.',
  statusPageUrl: 'Enter the status page’s address, starting with https:// (or leave it blank).',
  securityContact: 'Enter the security contact as an e-mail address (or mailto: link) or an https:// address.',
  securityTxtExpiresAt: 'Enter the security.txt expiry as a date (YYYY-MM-DD).',
  preferredLanguages: 'List the preferred languages as language tags separated by commas, for example “en, de”.',
  disclosurePolicy: 'The disclosure policy can be up to 20,000 characters.',
  accessGrantDays: 'Access grants last a whole number of days, from 1 to 90.',
} as const;
const M = SETTINGS_FIELD_MESSAGES;

const httpUrl = (message: string) =>
  z
    .string(message)
    .trim()
    .max(500, message)
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && /^https?:\/\//.test(v);
      } catch {
        return false;
      }
    }, message);

const CONTACT_MESSAGE = M.securityContact;
const contact = z
  .string(CONTACT_MESSAGE)
  .trim()
  .max(300, CONTACT_MESSAGE)
  // A bare address is what people type; security.txt wants a URI.
  .transform((v) => (/^[^\s:@/]+@[^\s@]+$/.test(v) ? `mailto:${v}` : v))
  .refine((v) => /^mailto:[^\s@/]+@[^\s@]+\.[a-z]{2,}$/i.test(v) || (v.startsWith('https://') && httpUrl('').safeParse(v).success), CONTACT_MESSAGE);

const LANGUAGES_MESSAGE = M.preferredLanguages;
const languages = z
  .string(LANGUAGES_MESSAGE)
  .transform((v) => [
    ...new Set(
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ])
  .refine((tags) => tags.length >= 1 && tags.length <= 10 && tags.every((t) => /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(t)), LANGUAGES_MESSAGE)
  .transform((tags) => tags.join(', '));

const EXPIRY_MESSAGE = M.securityTxtExpiresAt;
const expiry = z
  .string(EXPIRY_MESSAGE)
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || z.iso.datetime({ offset: true }).safeParse(v).success, EXPIRY_MESSAGE)
  // A date alone means the start of that day (UTC).
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v))
  .refine((d) => !Number.isNaN(d.getTime()), EXPIRY_MESSAGE);

const settingsInput = z
  .object({
    vendorName: text(M.vendorName, { min: 1, max: 100 }),
    tagline: text(M.tagline, { max: 300 }),
    overview: text(M.overview, { max: 4000 }),
    statusPageUrl: blankAsNull(httpUrl(M.statusPageUrl)),
    securityContact: contact,
    securityTxtExpiresAt: expiry,
    preferredLanguages: languages,
    disclosurePolicy: text(M.disclosurePolicy, { max: 20_000 }),
    accessGrantDays: wholeNumber(M.accessGrantDays, 1, 90),
  })
  .partial();

/** Checks that an Expires time is in the future and at most MAX_EXPIRY_DAYS ahead. */
export function checkSecurityTxtExpiry(expires: Date, now: Date) {
  if (expires.getTime() <= now.getTime()) {
    throw new AppError('expiry_past', 'The security.txt expiry must be in the future.', 400);
  }
  const latest = new Date(now.getTime() + MAX_EXPIRY_DAYS * DAY_MS);
  if (expires.getTime() > latest.getTime()) {
    throw new AppError(
      'expiry_too_far',
      `The security.txt expiry can be at most ${MAX_EXPIRY_DAYS} days ahead: ${latest.toISOString().slice(0, 10)} at the latest.`,
      400,
    );
  }
}

/** The settings that make up /.well-known/security.txt: their changes are recorded as such. */
const SECURITY_TXT_FIELDS = ['securityContact', 'securityTxtExpiresAt', 'preferredLanguages', 'disclosurePolicy'] as const;
const OTHER_FIELDS = ['vendorName', 'tagline', 'overview', 'statusPageUrl', 'accessGrantDays'] as const;

const sameValue = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date ? new Date(a as Date).getTime() === new Date(b as Date).getTime() : a === b;

/**
 * Saves the portal settings. Fields left out keep their value (or the default before the
 * first save). The security.txt expiry is checked whenever the settings are saved, so a
 * stale one has to be renewed. What changed is recorded (field names, never values):
 * `content.security_txt_updated` for security.txt's fields, `content.settings_updated` for the others.
 */
export async function updateSettings({ db, clock, actor }: Ctx<Actor>, data: unknown): Promise<AdminSettings> {
  const staff = asTrustAdmin(actor);
  const input = parseInput(settingsInput, data);
  const now = clock.now();
  return withActor(db, staff, async (tx) => {
    const [row] = await tx.select().from(portalSettings).where(eq(portalSettings.id, true));
    const base = row ?? { ...defaultSettings(), securityTxtExpiresAt: new Date(now.getTime() + 90 * DAY_MS), logo: null, logoType: null };
    const next = {
      vendorName: input.vendorName ?? base.vendorName,
      tagline: input.tagline ?? base.tagline,
      overview: input.overview ?? base.overview,
      statusPageUrl: input.statusPageUrl === undefined ? base.statusPageUrl : input.statusPageUrl,
      securityContact: input.securityContact ?? base.securityContact,
      securityTxtExpiresAt: input.securityTxtExpiresAt ?? new Date(base.securityTxtExpiresAt),
      preferredLanguages: input.preferredLanguages ?? base.preferredLanguages,
      disclosurePolicy: input.disclosurePolicy ?? base.disclosurePolicy,
      accessGrantDays: input.accessGrantDays ?? base.accessGrantDays,
      updatedAt: now,
      updatedBy: staff.userId,
    };
    checkSecurityTxtExpiry(next.securityTxtExpiresAt, now);
    const [saved] = await tx
      .insert(portalSettings)
      .values({ id: true, ...next })
      .onConflictDoUpdate({ target: portalSettings.id, set: next })
      .returning();
    if (!saved) throw refusedByDatabase();
    const changed = (fields: readonly (keyof typeof next)[]) => fields.filter((f) => !row || !sameValue(row[f], next[f]));
    const securityTxt = changed(SECURITY_TXT_FIELDS);
    const others = changed(OTHER_FIELDS);
    if (others.length > 0) {
      await emitEvent(tx, { tenantId: null, kind: 'content.settings_updated', subject: 'portal_settings', payload: { fields: others, firstSave: !row } });
    }
    if (securityTxt.length > 0) {
      await emitEvent(tx, {
        tenantId: null,
        kind: 'content.security_txt_updated',
        subject: 'security_txt',
        payload: { fields: securityTxt, expiresAt: next.securityTxtExpiresAt.toISOString() },
      });
    }
    return { ...toPublic(saved), saved: true, logoType: saved.logoType, logoSize: saved.logo?.byteLength ?? null };
  }).catch(rethrowRefusal);
}
