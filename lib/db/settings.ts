import { APP_ROLE, type ActorKind, type DbContext } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KINDS: readonly ActorKind[] = ['customer', 'staff', 'anonymous', 'auth'];

function literal(value: string | null, pattern: RegExp) {
  if (value === null) return "''";
  if (!pattern.test(value)) throw new Error('RLS context values must be UUIDs');
  return `'${value}'`;
}

/**
 * BEGIN, the switch to trust_app (skipped when already connected as trust_app, as in production) and the RLS context as one simple-protocol message: one
 * statement batch for the server instead of three. Values are inlined only after they are
 * checked to be UUIDs or a known actor kind, so nothing from a request can reach this text.
 */
export function beginWithContextSql(context: DbContext, readOnly: boolean, switchRole = true): string {
  if (!KINDS.includes(context.actorKind)) throw new Error(`unknown actor kind ${String(context.actorKind)}`);
  return (
    `begin${readOnly ? ' read only' : ''}; ` +
    'select ' +
    (switchRole ? `set_config('role', '${APP_ROLE}', true), ` : '') +
    `set_config('app.tenant_id', ${literal(context.tenantId, UUID)}, true), ` +
    `set_config('app.actor_id', ${literal(context.actorId, UUID)}, true), ` +
    `set_config('app.actor_kind', '${context.actorKind}', true)`
  );
}

export function contextParams(context: DbContext): [string, string, string, string] {
  return [APP_ROLE, context.tenantId ?? '', context.actorId ?? '', context.actorKind];
}
