import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '@/lib/core/actor';
import { createPostgresDatabase } from '@/lib/db/postgres';
import { isConnectionLost } from '@/lib/db/raw';
import type { Database } from '@/lib/db/types';
import { withActor } from '@/lib/db/with-actor';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

// A connection that dies under a transaction (the database restarted, a network fault) must fail
// that transaction at once and never go back into the pool: postgres.js would otherwise leave
// every later query on it waiting forever (lib/db/postgres.ts, porsager/postgres#1208).
describe.runIf(process.env.TEST_DATABASE_URL)('a PostgreSQL connection lost mid-transaction [postgres]', () => {
  let t: TestDatabase & { dispose(): Promise<void> };
  let db: Database;
  let killer: postgres.Sql;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    // A small pool: a connection leaked by each loss would soon leave none.
    db = createPostgresDatabase(t.appUrl!, { max: 4 });
    killer = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await db?.close();
    await killer?.end();
    await t?.dispose();
  });

  const backendPid = (tx: Parameters<Parameters<typeof withActor>[2]>[0]) =>
    tx.execute(sql`select pg_backend_pid() as pid`).then((r) => Number((r as unknown as { pid: number }[])[0].pid));

  /** The backend under a transaction is terminated mid-way: the transaction fails as a lost connection. */
  async function loseConnection(readOnly: boolean) {
    const failure = await withActor(
      db,
      ANONYMOUS,
      async (tx) => {
        const pid = await backendPid(tx);
        await killer`select pg_terminate_backend(${pid})`;
        await tx.execute(sql`select 1`);
      },
      { readOnly },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).not.toBeNull();
    expect(isConnectionLost(failure)).toBe(true);
  }

  /**
   * Transactions run again. postgres.js may hand the dead connection's last error to the one
   * request that was waiting for it, or leave that request to the reservation bound (5 s,
   * lib/db/postgres.ts): either way a 503, never a hang, and the next one runs.
   */
  async function serving() {
    const started = Date.now();
    const errors: unknown[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const pid = await withActor(db, ANONYMOUS, backendPid, { readOnly: attempt % 2 === 0 });
        expect(errors.every(isConnectionLost)).toBe(true);
        return { pid, failedFirst: errors.length, ms: Date.now() - started };
      } catch (error) {
        errors.push(error);
      }
    }
    throw new Error(`no transaction ran after the connection was lost: ${errors.map(String).join('; ')}`);
  }

  it(
    'transactions whose backend is terminated fail as lost connections; ten losses leak none of a four-connection pool, which serves again each time',
    { timeout: 180_000 },
    async () => {
      for (const readOnly of [true, false, true, false, false, true, true, false, true, false]) {
        await loseConnection(readOnly);
        const after = await serving();
        expect(after.failedFirst).toBeLessThanOrEqual(1);
        expect(after.pid).toBeGreaterThan(0);
        // At worst one request waited out the reservation bound.
        expect(after.ms).toBeLessThan(12_000);
      }
    },
  );
});
