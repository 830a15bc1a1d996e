import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pgErrorCode } from './raw';
import { OWNER_ROLE, type AdminConnection } from './types';

export const MIGRATIONS_DIR = path.join(process.cwd(), 'drizzle', 'migrations');
// Paths below are marked turbopackIgnore: the migrations are read at run time, not bundled.

interface Migration {
  name: string;
  sql: string;
  sha256: string;
  runAsAdmin: boolean;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, name), 'utf8');
      return {
        name,
        sql,
        sha256: createHash('sha256').update(sql).digest('hex'),
        runAsAdmin: /^-- run-as: admin\b/.test(sql),
      };
    });
}

// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK = 7_342_019_876;

/**
 * Applies pending migrations, each in its own transaction under an advisory lock, so several
 * instances starting together apply each migration once. Objects are created as trust_owner
 * (SET LOCAL ROLE) unless the file says it must run as the connecting admin role.
 * A migration edited after it was applied stops start-up: the schema would no longer be known.
 * With nothing pending it only reads, so the app may start connected as trust_app alone.
 */
export async function migrate(admin: AdminConnection, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  const known = await admin.transaction(async (q) => {
    const [{ exists }] = await q.query<{ exists: boolean }>("SELECT to_regclass('trust_schema_migrations') IS NOT NULL AS exists");
    return exists ? q.query<{ name: string; sha256: string }>('SELECT name, sha256 FROM trust_schema_migrations') : [];
  });
  const appliedBefore = new Map(known.map((m) => [m.name, m.sha256]));
  for (const m of migrations) {
    const sha = appliedBefore.get(m.name);
    if (sha && sha !== m.sha256) throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead.`);
  }
  const pending = migrations.filter((m) => !appliedBefore.has(m.name));
  if (pending.length === 0) return [];

  const applied: string[] = [];
  try {
    await admin.transaction(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await q.exec(`CREATE TABLE IF NOT EXISTS trust_schema_migrations (
        name text PRIMARY KEY,
        sha256 text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    });
    for (const migration of pending) {
      await admin.transaction(async (q) => {
        await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const [done] = await q.query('SELECT 1 FROM trust_schema_migrations WHERE name = $1', [migration.name]);
        if (done) return; // another instance applied it while we waited for the lock
        if (!migration.runAsAdmin) await q.exec(`SET LOCAL ROLE ${OWNER_ROLE}`);
        await q.exec(migration.sql);
        await q.exec('RESET ROLE');
        await q.query('INSERT INTO trust_schema_migrations (name, sha256) VALUES ($1, $2)', [migration.name, migration.sha256]);
        applied.push(migration.name);
      });
    }
  } catch (error) {
    if (pgErrorCode(error) === '42501') {
      throw new Error(
        `Applying migrations needs more privileges than this connection has (${error instanceof Error ? error.message : String(error)}). Set DATABASE_ADMIN_URL to a superuser or trust_owner URL.`,
        { cause: error },
      );
    }
    throw error;
  }
  return applied;
}
