/** How close a document is to its valid-until date; reminders go out this many days before. */
export const REMINDER_DAYS = 30;

export type ValidityState = 'none' | 'valid' | 'expires_soon' | 'expired';

export interface Validity {
  state: ValidityState;
  validUntil: string | null;
  /** Days from today to the valid-until date (negative once it passed); null without a date. */
  daysLeft: number | null;
}

const DAY = 86_400_000;

/** Today as the date the database stores (UTC), e.g. '2026-03-01'. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY));
}

/** A document is valid through its valid-until date and expired the day after. */
export function validityOf(validUntil: string | null, now: Date): Validity {
  if (!validUntil) return { state: 'none', validUntil: null, daysLeft: null };
  const daysLeft = Math.round((Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${isoDay(now)}T00:00:00Z`)) / DAY);
  const state = daysLeft < 0 ? 'expired' : daysLeft <= REMINDER_DAYS ? 'expires_soon' : 'valid';
  return { state, validUntil, daysLeft };
}
