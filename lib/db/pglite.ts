import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { sql } from 'drizzle-orm';
import { APP_ROLE, type AdminConnection, type Database, type RuntimeRole, SIGNER_ROLE, type Tx } from './types';
import { setContextSql } from './settings';

/**
 * The embedded database: a single-user demo, not a security boundary. Every transaction still
 * switches to trust_app so RLS applies exactly as on PostgreSQL, but anyone who can read the
 * data directory can read everything.
 */
export function createPgliteDatabase(pg: PGlite, onClose: () => Promise<void> = () => pg.close(), role: RuntimeRole = APP_ROLE): Database {
  const db = drizzle({ client: pg });
  let signer: Database | undefined;
  const database: Database = {
    backend: 'pglite',
    signer: () => (signer ??= role === SIGNER_ROLE ? database : createPgliteDatabase(pg, async () => {}, SIGNER_ROLE)),
    transaction: (context, fn, options = {}) =>
      db.transaction(
        async (tx) => {
          await tx.execute(sql.raw(setContextSql(context, true, role)));
          return fn(tx as unknown as Tx);
        },
        { accessMode: options.readOnly ? 'read only' : 'read write' },
      ),
    close: onClose,
  };
  return database;
}

export function pgliteAdmin(pg: PGlite): AdminConnection {
  return {
    transaction: (fn) =>
      pg.transaction((t) =>
        fn({
          exec: async (text) => {
            await t.exec(text);
          },
          query: async (text, params = []) => (await t.query(text, params)).rows as never,
        }),
      ),
    close: async () => {},
  };
}

/**
 * Opens the data directory, refusing when another live process holds it: two PGlite instances
 * on one directory corrupt it.
 */
export async function openPgliteDirectory(dataDir: string): Promise<{ pg: PGlite; release: () => void }> {
  const dir = path.resolve(dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.resolve(dataDir, 'pglite.lock');
  const holder = readLock(lockFile);
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(`The embedded database in ${dir} is in use by process ${holder}. Stop that process first, or set DATABASE_URL to use PostgreSQL.`);
  }
  fs.writeFileSync(lockFile, String(process.pid));
  const release = () => {
    if (readLock(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
  };
  process.once('exit', release);
  const pg = new PGlite(dir);
  await pg.waitReady;
  return { pg, release };
}

function readLock(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
