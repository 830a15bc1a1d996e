import type { AnyActor } from '@/lib/auth/actor';
import { dbContextOf } from '@/lib/auth/actor';
import type { Database, DbContext, TransactionOptions, Tx } from './types';

const contexts = new WeakMap<Tx, DbContext>();

/** Where a data function runs: the database, or a transaction an outer call already opened. */
export type DbHandle = Database | Tx;

function isDatabase(handle: DbHandle): handle is Database {
  return 'backend' in handle && 'close' in handle;
}

function sameContext(a: DbContext, b: DbContext) {
  return a.tenantId === b.tenantId && a.actorId === b.actorId && a.actorKind === b.actorKind;
}

/**
 * The one way into the database: a transaction that runs as trust_app with app.tenant_id,
 * app.actor_id and app.actor_kind set for the actor, so RLS decides what fn can see and change.
 * Given a transaction opened for the same actor, fn joins it.
 */
export async function withActor<T>(
  handle: DbHandle,
  actor: AnyActor,
  fn: (tx: Tx) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  const context = options?.now ? { ...dbContextOf(actor), now: options.now } : dbContextOf(actor);
  if (!isDatabase(handle)) {
    const outer = contexts.get(handle);
    if (!outer) throw new Error('withActor was given a handle that is neither a database nor one of its transactions');
    if (!sameContext(outer, context)) throw new Error('withActor cannot join a transaction opened for another actor');
    return fn(handle);
  }
  let opened: Tx | undefined;
  try {
    return await handle.transaction(
      context,
      (tx) => {
        opened = tx;
        contexts.set(tx, context);
        return fn(tx);
      },
      options,
    );
  } finally {
    if (opened) contexts.delete(opened);
  }
}
