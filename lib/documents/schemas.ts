import { z } from 'zod';
import { DOCUMENT_VISIBILITIES } from '@/drizzle/schema';
import { SLUG_PATTERN } from '@/lib/core/parse-input';

const day = z
  .string()
  .trim()
  .refine(
    (v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
    {
      message: 'Enter the valid-until date as YYYY-MM-DD, or leave it empty.',
    },
  )
  .transform((v) => (v === '' ? null : v));

// Each field's description is what the staff page says when a form comes back with its code.
const VALID_UNTIL = 'Enter the valid-until date as a date, or leave it empty.';
const DESCRIPTION = 'The description can be at most 2,000 characters.';
const NOTE = 'The version note can be at most 500 characters.';

/** A document's metadata as the staff edit it (form fields or JSON). */
export const documentFields = z.object({
  title: z.string().trim().min(1, 'Enter a title.').max(200, 'The title can be at most 200 characters.').describe('Enter a title (at most 200 characters).'),
  category: z
    .string()
    .trim()
    .min(1, 'Enter a category, for example “Audit reports”.')
    .max(60, 'The category can be at most 60 characters.')
    .describe('Enter a category (at most 60 characters), for example “Audit reports”.'),
  description: z.string().trim().max(2000, 'The description can be at most 2,000 characters.').default('').describe(DESCRIPTION),
  visibility: z
    .enum(DOCUMENT_VISIBILITIES, { message: 'Choose who may read it: public, NDA, or restricted.' })
    .describe('Choose who may read the document: public, NDA or restricted.'),
  validUntil: z.union([day, z.null()]).default(null).describe(VALID_UNTIL),
});
export type DocumentFields = z.infer<typeof documentFields>;

/** An edit replaces all the metadata: every field must be sent, so nothing is reset by being left out. */
export const documentUpdate = documentFields.extend({
  description: z
    .string({ message: 'Send the description (an empty string for none).' })
    .trim()
    .max(2000, 'The description can be at most 2,000 characters.')
    .describe(DESCRIPTION),
  validUntil: z.union([day, z.null()], { message: 'Send the valid-until date as YYYY-MM-DD, or null for none.' }).describe(VALID_UNTIL),
});

export const newDocumentFields = documentFields.extend({
  slug: z
    .string()
    .trim()
    .regex(SLUG_PATTERN, 'The slug is the address of the PDF: lower-case letters, digits and hyphens, starting with a letter or digit (at most 63).')
    .describe('The slug is the address of the PDF: use lower-case letters, digits and hyphens (at most 63), starting with a letter or digit.'),
  note: z.string().trim().max(500, NOTE).default('').describe(NOTE),
});
export type NewDocumentFields = z.infer<typeof newDocumentFields>;

export const versionFields = z.object({
  note: z.string().trim().max(500, NOTE).default('').describe(NOTE),
});
