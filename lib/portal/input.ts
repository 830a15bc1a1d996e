import { z } from 'zod';
import { fieldErrors } from '@/lib/core/parse-input';

/** A blank form field (or JSON null) means "none". */
export function blankAsNull<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === undefined ? undefined : typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable());
}

/** A blank form field means "not given": the default applies. */
export function blankAsMissing<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}

/** Text without white space at its ends or at the ends of its lines, with plain line ends. */
export function text(message: string, { min = 0, max }: { min?: number; max: number }) {
  return z
    .string(message)
    .transform((v) =>
      v
        .replace(/\r\n?/g, '\n')
        .replace(/[ \t]+$/gm, '')
        .trim(),
    )
    .pipe(z.string().min(min, message).max(max, message));
}

/** A whole number, given as a number (JSON) or its digits (form). */
export function wholeNumber(message: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number(message).int(message).min(min, message).max(max, message),
  );
}

const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as YYYY-MM-DD (what <input type="date"> sends), between 1990 and 2100. */
export function calendarDay(message: string) {
  return z.string(message).refine((v) => {
    const m = DAY_FORMAT.exec(v);
    if (!m) return false;
    const date = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v && Number(m[1]) >= 1990 && Number(m[1]) <= 2100;
  }, message);
}

/** Today's date in UTC as YYYY-MM-DD. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A slug for a URL fragment or path from a title: lower case ASCII letters, digits and dashes. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return slug || 'item';
}

export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The first of slug, slug-2, slug-3, ... that `taken` does not hold. */
export function uniqueSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The messages a staff page shows for `?error=<code>`: one per field (its schema's), and the others given. */
export function formErrors(fieldMessages: Record<string, string>, others: Record<string, string> = {}): Record<string, string> {
  return fieldErrors(fieldMessages, {
    forbidden: 'Only trust admins can change the trust portal.',
    invalid_request: 'That could not be saved. Check the fields and try again.',
    ...others,
  });
}
