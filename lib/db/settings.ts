import { APP_ROLE, type RuntimeRole } from './types';
import { ACTOR_KINDS, type DbContext } from '@/lib/core/actor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses a context that is not UUIDs and a known actor kind, on every driver alike. */
export function assertValidContext(context: DbContext) {
  for (const value of [context.tenantId, context.actorId]) {
    if (value !== null && !UUID.test(value)) throw new Error('RLS context ids must be UUIDs');
  }
  if (!(ACTOR_KINDS as readonly string[]).includes(context.actorKind)) throw new Error(`unknown actor kind ${String(context.actorKind)}`);
  if (context.now !== undefined && !(context.now instanceof Date && Number.isFinite(context.now.getTime()))) {
    throw new Error('RLS context time must be a valid Date');
  }
}

/**
 * The switch to trust_app or trust_signer (left out when already connected as it, as in production)
 * and the RLS context, as one statement. Values are inlined only after they are checked to
 * be UUIDs or a known actor kind, so nothing from a request can reach this text; inlined,
 * the statement can travel in one simple-protocol message together with BEGIN.
 */
export function setContextSql(context: DbContext, switchRole = true, role: RuntimeRole = APP_ROLE): string {
  assertValidContext(context);
  const literal = (value: string | null) => (value === null ? "''" : `'${value}'`);
  return (
    'select ' +
    (switchRole ? `set_config('role', '${role}', true), ` : '') +
    `set_config('app.tenant_id', ${literal(context.tenantId)}, true), ` +
    `set_config('app.actor_id', ${literal(context.actorId)}, true), ` +
    `set_config('app.actor_kind', '${context.actorKind}', true)` +
    (context.now ? `, set_config('app.now', '${context.now.toISOString()}', true)` : '')
  );
}

/** BEGIN and the context in one message: one batch for the server instead of two. */
export function beginWithContextSql(context: DbContext, readOnly: boolean, switchRole = true, role: RuntimeRole = APP_ROLE): string {
  return `begin${readOnly ? ' read only' : ''}; ${setContextSql(context, switchRole, role)}`;
}
