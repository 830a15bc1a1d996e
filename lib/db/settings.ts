import { APP_ROLE, type DbContext } from './types';

/**
 * One statement that switches to the application role and sets the RLS context for the rest
 * of the transaction. Switching is harmless when already connected as trust_app, and makes a
 * superuser URL (a developer's, or PGlite's only user) subject to RLS like production.
 */
export const SET_CONTEXT_SQL =
  "select set_config('role', $1, true), set_config('app.tenant_id', $2, true), " +
  "set_config('app.actor_id', $3, true), set_config('app.actor_kind', $4, true)";

export function contextParams(context: DbContext): [string, string, string, string] {
  return [APP_ROLE, context.tenantId ?? '', context.actorId ?? '', context.actorKind];
}
