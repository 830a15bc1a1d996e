import postgres from 'postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PostgresJsDatabase, PostgresJsSession, drizzle } from 'drizzle-orm/postgres-js';
import { APP_ROLE, type AdminConnection, type Database, type RuntimeRole, SIGNER_ROLE, type TransactionOptions, type Tx } from './types';
import type { DbContext } from '@/lib/core/actor';
import { isConnectionLost } from './raw';
import { beginWithContextSql } from './settings';
import { noteDatabaseError } from './unavailable';

export interface PostgresOptions {
  max?: number;
  /** The role transactions run as (trust_app unless this is the signer's database). */
  role?: RuntimeRole;
  /** Where the signer's database connects: a URL that logs in as trust_signer, or one that may SET ROLE to it. */
  signerUrl?: string;
}

const CONNECT_TIMEOUT_SECONDS = 5;

function connect(url: string, max: number) {
  return postgres(url, {
    max,
    idle_timeout: 30,
    // A database that does not answer fails the request within seconds (a 503), not minutes.
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    // The wait before a closed connection dials again. postgres.js's default grows with every
    // failure the pool has seen, to 20 s: during an outage every request then queued behind
    // that wait, and after the database came back the app stayed down for as long. Requests
    // drive the attempts, so a short cap costs the database little: a request answers 503
    // within a second while it is away, and the app serves within a second of its return.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
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
 * sql.reserve(), bounded: while the database restarts, postgres.js can leave a reservation
 * waiting with no connection ever dialled for it (seen in e2e/database-faults.api.spec.ts),
 * and the request would hang. Past the limit the request fails as unreachable (a 503); a
 * reservation granted after all is handed straight back.
 */
async function reserveWithin(sql: postgres.Sql, ms: number): Promise<postgres.ReservedSql> {
  const pending = sql.reserve();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('No database connection became available in time.'), { code: 'CONNECT_TIMEOUT' })), ms);
  });
  try {
    return await Promise.race([pending, timeout]);
  } catch (error) {
    pending.then(
      (late) => late.release(),
      () => {},
    );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function connectionClosed() {
  return Object.assign(new Error('The database connection closed during the transaction; it was not committed.'), { code: 'CONNECTION_CLOSED' });
}

interface PoolConnection {
  onclose?: ((error: unknown) => void) | null;
}

/**
 * Watches the connection under a reservation. A reserved connection that closed (the database
 * stopped or restarted, a network fault) must be neither written to nor released: postgres.js
 * never settles a query written to it (porsager/postgres#1208), and release() would put the
 * dead connection back among the open ones, where every later query on it would hang. The pool
 * itself already counts it as closed and dials it again when needed. postgres.js tells its own
 * begin() of such a close the same way: the connection's onclose, reached through onexecute.
 */
function watchConnection() {
  let connection: PoolConnection | undefined;
  const watch = {
    lost: false,
    options: {
      onexecute: (c: PoolConnection) => {
        connection = c;
        c.onclose = () => {
          watch.lost = true;
        };
        return true;
      },
    } as postgres.UnsafeQueryOptions,
    noteFailure: (error: unknown) => {
      if (isConnectionLost(error)) watch.lost = true;
    },
    release: (conn: postgres.ReservedSql) => {
      if (connection) connection.onclose = null;
      if (!watch.lost) conn.release();
    },
  };
  return watch;
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
  const role = options.role ?? APP_ROLE;
  // Connected as the role itself (production), the role switch is a no-op and is left out.
  let connectedAsApp: Promise<boolean> | undefined;
  const isAppRole = () =>
    (connectedAsApp ??= sql`select current_user = ${role} as is_app`.then(
      ([row]) => row.is_app as boolean,
      (error: unknown) => {
        connectedAsApp = undefined;
        throw error;
      },
    ));

  async function transaction<T>(context: DbContext, fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}) {
    try {
      return await run(context, fn, opts);
    } catch (error) {
      throw noteDatabaseError(error);
    }
  }

  async function run<T>(context: DbContext, fn: (tx: Tx) => Promise<T>, opts: TransactionOptions) {
    const readOnly = opts.readOnly ?? false;
    const begin = beginWithContextSql(context, readOnly, !(await isAppRole()), role);
    const conn = await reserveWithin(sql, CONNECT_TIMEOUT_SECONDS * 1000);
    const watch = watchConnection();
    let open = true;
    const setup = conn.unsafe(begin, [], watch.options).execute();
    setup.catch(() => {});
    let result: T;
    try {
      // A query after the connection closed fails at once instead of waiting forever.
      const usable = () => {
        if (watch.lost) throw connectionClosed();
        return open;
      };
      result = await fn(drizzleOn(conn, dialect, usable));
      await setup;
    } catch (error) {
      open = false;
      // A failed BEGIN or context statement explains the failure better than what followed it.
      const cause =
        (await setup.then(
          () => null,
          (e: unknown) => e,
        )) ?? error;
      // On a lost connection there is nothing to roll back (the server already did).
      if (isConnectionLost(cause)) watch.lost = true;
      if (!watch.lost) await conn.unsafe('rollback').catch(watch.noteFailure);
      watch.release(conn);
      throw cause;
    }
    open = false;
    if (readOnly) {
      // Nothing can be lost at the COMMIT of a read-only transaction, so the caller does not
      // wait for it. The connection stays reserved until the COMMIT completes: nothing else
      // may run on it while the transaction, and its RLS settings, are still open.
      if (watch.lost) watch.release(conn);
      else
        conn.unsafe('commit').then(
          () => watch.release(conn),
          (e: unknown) => (watch.noteFailure(e), watch.release(conn)),
        );
      return result;
    }
    if (watch.lost) {
      // Closed before the COMMIT was sent: the server rolled the transaction back.
      watch.release(conn);
      throw connectionClosed();
    }
    try {
      await conn.unsafe('commit');
    } catch (error) {
      watch.noteFailure(error);
      throw error;
    } finally {
      watch.release(conn);
    }
    return result;
  }

  let signer: Database | undefined;
  const database: Database = {
    backend: 'postgres',
    transaction,
    // The signer only checkpoints chain heads: two connections are plenty.
    signer: () => (signer ??= role === SIGNER_ROLE ? database : createPostgresDatabase(options.signerUrl ?? url, { max: 2, role: SIGNER_ROLE })),
    close: async () => {
      await Promise.all([sql.end({ timeout: 5 }), signer && signer !== database ? signer.close() : undefined]);
    },
  };
  return database;
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
