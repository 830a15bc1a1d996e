import { type AnyActor, type DbContext, dbContextOf } from '@/lib/core/actor';
import { AppError } from '@/lib/core/errors';
import { pgErrorCode } from './raw';
import type { Database, TransactionOptions, Tx } from './types';

const contexts = new WeakMap<Tx, DbContext>();

/** Where a data function runs: the database, or a transaction an outer call already opened. */
export type DbHandle = Database | Tx;

/**
 * PostgreSQL refuses text it cannot store (a NUL character, SQLSTATE 22021; or one the
 * database's encoding lacks, 22P05). Only people's input carries such text: it is their
 * request that is wrong, not the server.
 */
function asInputError(error: unknown): unknown {
  const code = pgErrorCode(error);
  if (code !== '22021' && code !== '22P05') return error;
  return new AppError('invalid_characters', 'The request contains characters that cannot be stored, such as a NUL character.', 400);
}

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
export async function withActor<T>(handle: DbHandle, actor: AnyActor, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
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
  } catch (error) {
    throw asInputError(error);
  } finally {
    if (opened) contexts.delete(opened);
  }
}
