import postgres from 'postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PostgresJsDatabase, PostgresJsSession, drizzle } from 'drizzle-orm/postgres-js';
import { APP_ROLE, type AdminConnection, type Database, type DbContext, type TransactionOptions, type Tx } from './types';
import { isConnectionLost } from './raw';
import { beginWithContextSql } from './settings';

export interface PostgresOptions {
  max?: number;
}

function connect(url: string, max: number) {
  return postgres(url, {
    max,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'trust-center' },
  });
}

/**
 * The client drizzle sees. drizzle sends unnamed statements, which postgres.js describes
 * before it binds them: two round trips for every query with parameters; preparing them
 * (cached per connection, dropped when the connection is recycled) halves that.
 * `isOpen` closes the handle when its transaction ends: a stray query must never run on a
 * connection that is back in the pool, perhaps inside another request's transaction.
 */
export function preparedStatements(sql: postgres.Sql, isOpen: () => boolean = () => true): postgres.Sql {
  return {
    unsafe: (query: string, params?: never[], options?: postgres.UnsafeQueryOptions) => {
      if (!isOpen()) throw new Error('This transaction has ended; its handle cannot run queries.');
      return sql.unsafe(query, params, { ...options, prepare: true });
    },
    begin: () => {
      throw new Error('Nested transactions are not supported: compose data functions with withActor.');
    },
  } as unknown as postgres.Sql;
}

/** drizzle bound to one connection, reusing one dialect (drizzle() per transaction would rebuild it). */
export function drizzleOn(sql: postgres.Sql, dialect = new PgDialect(), isOpen?: () => boolean): Tx {
  const session = new PostgresJsSession(preparedStatements(sql, isOpen), dialect, undefined);
  return new PostgresJsDatabase(dialect, session, undefined) as unknown as Tx;
}

/**
 * BEGIN with the RLS context is one message, pipelined with the first query of fn on a
 * reserved connection. A read-write transaction costs its queries plus one round trip for
 * COMMIT; a read-only one answers without waiting for its COMMIT.
 */
export function createPostgresDatabase(url: string, options: PostgresOptions = {}): Database {
  const sql = connect(url, options.max ?? 10);
  // drizzle() installs its type parsers on the pool, which reserved connections share.
  drizzle({ client: sql });
  const dialect = new PgDialect();
  // Connected as trust_app itself (production), the role switch is a no-op and is left out.
  let connectedAsApp: Promise<boolean> | undefined;
  const isAppRole = () =>
    (connectedAsApp ??= sql`select current_user = ${APP_ROLE} as is_app`.then(
      ([row]) => row.is_app as boolean,
      (error: unknown) => {
        connectedAsApp = undefined;
        throw error;
      },
    ));

  async function transaction<T>(context: DbContext, fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}) {
    const readOnly = opts.readOnly ?? false;
    const begin = beginWithContextSql(context, readOnly, !(await isAppRole()));
    const conn = await sql.reserve();
    let open = true;
    const setup = conn.unsafe(begin).execute();
    setup.catch(() => {});
    let result: T;
    try {
      result = await fn(drizzleOn(conn, dialect, () => open));
      await setup;
    } catch (error) {
      open = false;
      // A failed BEGIN or context statement explains the failure better than what followed it.
      const setupError = await setup.then(() => null, (e: unknown) => e);
      // On a lost connection there is nothing to roll back (the server already did), and
      // postgres.js would write the ROLLBACK to a closed socket.
      if (!isConnectionLost(setupError ?? error)) await conn.unsafe('rollback').catch(() => {});
      conn.release();
      throw setupError ?? error;
    }
    open = false;
    if (readOnly) {
      // Nothing can be lost at the COMMIT of a read-only transaction, so the caller does not
      // wait for it. The connection stays reserved until the COMMIT completes: nothing else
      // may run on it while the transaction, and its RLS settings, are still open.
      conn.unsafe('commit').then(conn.release, conn.release);
      return result;
    }
    try {
      await conn.unsafe('commit');
    } finally {
      conn.release();
    }
    return result;
  }

  return {
    backend: 'postgres',
    transaction,
    close: () => sql.end({ timeout: 5 }),
  };
}

export function createPostgresAdmin(url: string): AdminConnection {
  const sql = connect(url, 1);
  return {
    transaction: (fn) =>
      sql.begin((tx) =>
        fn({
          exec: async (text) => {
            await tx.unsafe(text);
          },
          query: async (text, params = []) => [...(await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[]))] as never,
        }),
      ) as never,
    close: () => sql.end({ timeout: 5 }),
  };
}
