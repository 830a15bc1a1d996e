import postgres from 'postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PostgresJsDatabase, PostgresJsSession, drizzle } from 'drizzle-orm/postgres-js';
import type { AdminConnection, Database, DbContext, TransactionOptions, Tx } from './types';
import { SET_CONTEXT_SQL, contextParams } from './settings';

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
 * BEGIN, the context statement and the first query of fn are pipelined on one reserved
 * connection, so a transaction costs one round trip more than its queries only for the
 * COMMIT of a read-write transaction. A read-only transaction's COMMIT cannot lose anything,
 * so it is sent without waiting; the connection returns to the pool once it completes.
 */
export function createPostgresDatabase(url: string, options: PostgresOptions = {}): Database {
  const sql = connect(url, options.max ?? 10);
  // drizzle() installs its type parsers on the pool; transactions reuse its dialect.
  drizzle({ client: sql });
  const dialect = new PgDialect();
  const bind = (conn: postgres.Sql) =>
    new PostgresJsDatabase(dialect, new PostgresJsSession(conn, dialect, undefined), undefined) as unknown as Tx;

  async function transaction<T>(context: DbContext, fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}) {
    const conn = await sql.reserve();
    const pending = [
      conn.unsafe(opts.readOnly ? 'begin read only' : 'begin').execute(),
      conn.unsafe(SET_CONTEXT_SQL, contextParams(context)).execute(),
    ];
    for (const p of pending) p.catch(() => {});
    let result: T;
    try {
      result = await fn(bind(conn));
      await Promise.all(pending);
    } catch (error) {
      // A failed BEGIN or context statement explains the failure better than what followed it.
      const setupError = await Promise.all(pending).then(() => null, (e: unknown) => e);
      await conn.unsafe('rollback').catch(() => {});
      conn.release();
      throw setupError ?? error;
    }
    if (opts.readOnly) {
      conn.unsafe('commit').then(() => conn.release(), () => conn.release());
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
