import { isoDate } from '@/lib/core/dates';

/** Effective dates are calendar dates: a change takes effect at 00:00 UTC on its date. */
export const DAY_MS = 86_400_000;

export { isoDate };

/** 00:00 UTC on a YYYY-MM-DD date. */
export function dateStart(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The first date whose start is at or after `at`. */
export function firstDateFrom(at: Date): string {
  const start = dateStart(isoDate(at));
  return start.getTime() === at.getTime() ? isoDate(at) : isoDate(new Date(start.getTime() + DAY_MS));
}
