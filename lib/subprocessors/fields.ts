import { z } from 'zod';
import { isCountryCode } from './countries';

/** What a sub-processor is: the snapshot every change carries. */
export interface SubprocessorFields {
  name: string;
  purpose: string;
  dataCategories: string[];
  /** ISO 3166-1 alpha-2 codes. */
  locations: string[];
  transferMechanism: string;
  website: string;
  processesCustomerRecords: boolean;
}

const text = (label: string, max: number) => z.string().trim().min(1, `Enter the ${label}`).max(max, `The ${label} is at most ${max} characters`);

/** A list given as an array or as one comma- or line-separated string (HTML forms). */
const list = (item: z.ZodType<string, string>, label: string, max: number) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' ? v.split(/[,\n]/) : v),
      z.array(z.string().trim()).transform((items) => items.filter((i) => i !== '')),
    )
    .pipe(z.array(item).min(1, `Give at least one ${label}`).max(max, `Give at most ${max} ${label}s`))
    .transform((items: string[]) => {
      const seen = new Set<string>();
      return items.filter((i) => !seen.has(i.toLowerCase()) && seen.add(i.toLowerCase()));
    });

const countryCode = z
  .string()
  .transform((c) => c.toUpperCase())
  .refine(isCountryCode, { error: (issue) => `“${String(issue.input)}” is not an ISO 3166-1 alpha-2 country code (for example DE, IE or US)` });

const website = z
  .string()
  .trim()
  .max(300, 'The website is at most 300 characters')
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'Enter the website as a full http:// or https:// address');

/** A calendar date, YYYY-MM-DD; a change takes effect at 00:00 UTC on it. */
export const effectiveDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter the effective date as YYYY-MM-DD', abort: true })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= '2000-01-01' && v <= '2099-12-31';
  }, 'Enter a real calendar date between 2000 and 2099');

export const subprocessorFields = z.object({
  name: text('name', 120),
  purpose: text('purpose', 500),
  dataCategories: list(z.string().max(80, 'A data category is at most 80 characters'), 'data category', 20),
  locations: list(countryCode, 'location', 30),
  transferMechanism: text('transfer mechanism', 200),
  website,
  processesCustomerRecords: z.boolean({ error: 'Say whether it processes customer records (true or false)' }),
});

const reason = z.string().trim().max(1000, 'The reason is at most 1000 characters').default('');
/** A sub-processor named by its slug. */
const subprocessorRef = z.string().trim().min(1, 'Choose the sub-processor').max(63);

export const changeInput = z.discriminatedUnion('kind', [
  subprocessorFields.extend({ kind: z.literal('add'), reason, effectiveDate }),
  subprocessorFields.extend({ kind: z.literal('update'), subprocessor: subprocessorRef, reason, effectiveDate }),
  z.object({ kind: z.literal('remove'), subprocessor: subprocessorRef, reason, effectiveDate }),
]);
export type ChangeInput = z.infer<typeof changeInput>;

/** An HTML form's fields in the JSON shape: a checkbox is present when ticked, absent when not. */
export function changeFromForm(data: Record<string, unknown>): Record<string, unknown> {
  return { ...data, processesCustomerRecords: data.processesCustomerRecords === 'on' };
}

/** A URL-safe identity from a name: "Amazon Web Services, Inc." → "amazon-web-services-inc". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug || 'subprocessor';
}
