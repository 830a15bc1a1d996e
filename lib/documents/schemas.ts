import { z } from 'zod';
import { DOCUMENT_VISIBILITIES } from '@/drizzle/schema';
import { SLUG_PATTERN } from '@/lib/core/parse-input';

const day = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), {
    message: 'Enter the valid-until date as YYYY-MM-DD, or leave it empty.',
  })
  .transform((v) => (v === '' ? null : v));

/** A document's metadata as the staff edit it (form fields or JSON). */
export const documentFields = z.object({
  title: z.string().trim().min(1, 'Enter a title.').max(200, 'The title can be at most 200 characters.'),
  category: z.string().trim().min(1, 'Enter a category, for example “Audit reports”.').max(60, 'The category can be at most 60 characters.'),
  description: z.string().trim().max(2000, 'The description can be at most 2,000 characters.').default(''),
  visibility: z.enum(DOCUMENT_VISIBILITIES, { message: 'Choose who may read it: public, NDA, or restricted.' }),
  validUntil: z.union([day, z.null()]).default(null),
});
export type DocumentFields = z.infer<typeof documentFields>;

/** An edit replaces all the metadata: every field must be sent, so nothing is reset by being left out. */
export const documentUpdate = documentFields.extend({
  description: z.string({ message: 'Send the description (an empty string for none).' }).trim().max(2000, 'The description can be at most 2,000 characters.'),
  validUntil: z.union([day, z.null()], { message: 'Send the valid-until date as YYYY-MM-DD, or null for none.' }),
});

export const newDocumentFields = documentFields.extend({
  slug: z
    .string()
    .trim()
    .regex(SLUG_PATTERN, 'The slug is the address of the PDF: lower-case letters, digits and hyphens, starting with a letter or digit (at most 63).'),
  note: z.string().trim().max(500, 'The version note can be at most 500 characters.').default(''),
});
export type NewDocumentFields = z.infer<typeof newDocumentFields>;

export const versionFields = z.object({
  note: z.string().trim().max(500, 'The version note can be at most 500 characters.').default(''),
});
