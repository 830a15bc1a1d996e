// Dates and times as people read them, in one form everywhere (pages, mails, PDFs): always in
// UTC, so that every reader and every server sees the same text, and a time says so.
// Machine forms (ISO 8601 in JSON, feeds, CSV, file names) are not made here.

// Built by hand rather than with Intl: the text is then the same on every runtime and ICU
// version (the server's, the browser's), which name some months differently ("Sep", "Sept").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A calendar day (YYYY-MM-DD) as the start of that day in UTC; anything else as an instant. */
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
}

/** A calendar day (YYYY-MM-DD) or an instant, as its date: "7 Dec 2026". */
export function formatDate(value: string | Date): string {
  const d = toDate(value);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** An instant with its time: "7 Dec 2026, 14:05 UTC". */
export function formatDateTime(value: string | Date): string {
  const d = toDate(value);
  return `${formatDate(d)}, ${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())} UTC`;
}

/** The ISO form for a `<time dateTime>` attribute. */
export function isoDateTime(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/** YYYY-MM-DD (UTC) of an instant: the machine form of a date. */
export function isoDate(value: string | Date): string {
  return toDate(value).toISOString().slice(0, 10);
}
