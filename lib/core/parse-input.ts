import { z } from 'zod';
import { AppError } from './errors';

/** The form of every slug (documents, tenants, ...): the database's CHECK constraints hold the same. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Parses input with a zod schema; the first problem becomes an AppError with the code
 * `invalid_<field>` and the schema's message, so a form page can name the field that is wrong.
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : null;
  const code = field ? `invalid_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}` : 'invalid_request';
  throw new AppError(code, issue.message, 400);
}

/** Whether an id from a URL can be a row id at all (anything else is simply not found). */
export function isUuid(id: string): boolean {
  return z.uuid().safeParse(id).success;
}
