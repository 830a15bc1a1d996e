import { z } from 'zod';
import { AppError } from './errors';

/** The form of every slug (documents, tenants, ...): the database's CHECK constraints hold the same. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The error code of an invalid field: `invalid_` and the field's name in snake case, whatever
 * the case of the field (`publishedAt` and `valid_until` give `invalid_published_at` and
 * `invalid_valid_until`).
 */
export function invalidFieldCode(field: string): string {
  return `invalid_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/**
 * The one way input is validated, from a form (all strings) or JSON alike: the first problem
 * becomes a 400 AppError with the code {@link invalidFieldCode} of its field (`invalid_request`
 * when it concerns no field) and the schema's own message, so that a form page can say which
 * field to fix and how. The messages live in the schemas.
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : null;
  throw new AppError(field ? invalidFieldCode(field) : 'invalid_request', issue.message, 400);
}

/**
 * The sentence a form page shows for each field of an object schema: the field's description
 * (`.describe()`, outermost), written for a person filling in the form.
 */
export function describedFields(schema: z.ZodObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, fieldSchema] of Object.entries(schema.shape)) {
    const description = (fieldSchema as z.ZodType).description;
    if (description) out[field] = description;
  }
  return out;
}

/**
 * What a page says for `?error=<code>` after a form post: the schema's message for each field
 * (keyed by its code), and the page's other codes.
 */
export function fieldErrors(fieldMessages: Record<string, string>, others: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(fieldMessages).map(([field, message]) => [invalidFieldCode(field), message])), ...others };
}

/** Whether an id from a URL can be a row id at all (anything else is simply not found). */
export function isUuid(id: string): boolean {
  return z.uuid().safeParse(id).success;
}
