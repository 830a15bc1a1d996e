const dayFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A calendar day (YYYY-MM-DD) or an instant, as people read it: "Mar 4, 2026". */
export function formatDay(value: string | Date): string {
  return dayFormat.format(typeof value === 'string' && value.length === 10 ? new Date(`${value}T00:00:00Z`) : new Date(value));
}

/** An instant with its time, in UTC: "Mar 4, 2026, 9:30 AM UTC". */
export function formatTime(value: string | Date): string {
  return `${timeFormat.format(new Date(value))} UTC`;
}

/** The ISO form for a <time dateTime> attribute. */
export function isoOf(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString();
}
