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

const slug = z.string({ error: 'Choose a tenant.' }).regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Choose a tenant.');

export const requestInput = z.object({
  tenant: slug,
  justification: text(20, 2000, 'The justification'),
  ticket: text(1, 100, 'The ticket reference'),
  durationMinutes: minutes(15, 480, 240, 'The duration'),
  access: z.enum(['read', 'read_write'], { error: 'Access is either read or read_write.' }).default('read'),
});

export const decisionInput = z.object({
  comment: z.string({ error: 'The comment must be text.' }).trim().max(2000, 'The comment can be at most 2,000 characters.').default(''),
});

export const breakGlassInput = z.object({
  tenant: slug,
  justification: text(20, 2000, 'The justification'),
  incident: text(1, 100, 'The incident reference'),
  durationMinutes: minutes(5, 60, 60, 'The duration'),
});

export const reviewInput = z.object({
  review: text(20, 10000, 'The review'),
});

export const settingsInput = z.object({
  requestExpiryHours: z.coerce
    .number({ error: 'The expiry must be a number of hours.' })
    .int('The expiry must be a whole number of hours.')
    .min(1, 'Requests must stay open for at least 1 hour.')
    .max(168, 'Requests can stay open for at most 168 hours (7 days).'),
  requiredApprovals: z.coerce
    .number({ error: 'Choose one or two approvers.' })
    .refine((n) => n === 1 || n === 2, 'Choose one or two approvers.'),
});
