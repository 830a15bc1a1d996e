import { z } from 'zod';

const text = (min: number, max: number, what: string) =>
  z
    .string({ error: `${what} is required.` })
    .trim()
    .min(min, min > 1 ? `${what} must be at least ${min} characters.` : `${what} is required.`)
    .max(max, `${what} can be at most ${max.toLocaleString('en')} characters.`);

const minutes = (min: number, max: number, fallback: number, what: string) =>
  z.coerce
    .number({ error: `${what} must be a number of minutes.` })
    .int(`${what} must be a whole number of minutes.`)
    .min(min, `${what} must be at least ${min} minutes.`)
    .max(max, `${what} can be at most ${max} minutes.`)
    .default(fallback);

// Each field's description is what the console says when a form comes back with its code.
const TENANT = 'Choose a tenant.';
const JUSTIFICATION = 'Write a justification of at least 20 characters (at most 2,000).';
const DURATION = 'Choose a duration from the list.';

const slug = z.string({ error: 'Choose a tenant.' }).regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Choose a tenant.');

export const requestInput = z.object({
  tenant: slug.describe(TENANT),
  justification: text(20, 2000, 'The justification').describe(JUSTIFICATION),
  ticket: text(1, 100, 'The ticket reference').describe('Enter the ticket reference (at most 100 characters).'),
  durationMinutes: minutes(15, 480, 240, 'The duration').describe(DURATION),
  access: z.enum(['read', 'read_write'], { error: 'Access is either read or read_write.' }).default('read').describe('Choose read-only or read-write access.'),
});

export const decisionInput = z.object({
  comment: z
    .string({ error: 'The comment must be text.' })
    .trim()
    .max(2000, 'The comment can be at most 2,000 characters.')
    .default('')
    .describe('The comment can be at most 2,000 characters.'),
});

export const breakGlassInput = z.object({
  tenant: slug.describe(TENANT),
  justification: text(20, 2000, 'The justification').describe(JUSTIFICATION),
  incident: text(1, 100, 'The incident reference').describe('Enter the incident reference (at most 100 characters).'),
  durationMinutes: minutes(5, 60, 60, 'The duration').describe(DURATION),
});

export const reviewInput = z.object({
  review: text(20, 10000, 'The review').describe('Write a review of at least 20 characters.'),
});

export const settingsInput = z.object({
  requestExpiryHours: z.coerce
    .number({ error: 'The expiry must be a number of hours.' })
    .int('The expiry must be a whole number of hours.')
    .min(1, 'Requests must stay open for at least 1 hour.')
    .max(168, 'Requests can stay open for at most 168 hours (7 days).')
    .describe('Requests stay open between 1 and 168 hours (7 days): enter a whole number of hours.'),
  requiredApprovals: z.coerce
    .number({ error: 'Choose one or two approvers.' })
    .refine((n) => n === 1 || n === 2, 'Choose one or two approvers.')
    .describe('Choose one or two approvers.'),
});

/** A staff member's correction of a tenant's record. */
export const recordInput = z.object({
  title: z
    .string({ error: 'The title is required.' })
    .trim()
    .min(1, 'The title is required.')
    .max(200, 'The title can be at most 200 characters.')
    .describe('Enter a title (at most 200 characters).'),
  body: z
    .string({ error: 'The text is required.' })
    .trim()
    .min(1, 'The text is required.')
    .max(10000, 'The text can be at most 10,000 characters.')
    .describe('Enter the text (at most 10,000 characters).'),
});
