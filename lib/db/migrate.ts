import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
 */
export async function migrate(admin: AdminConnection, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await admin.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await q.exec(`CREATE TABLE IF NOT EXISTS trust_schema_migrations (
      name text PRIMARY KEY,
      sha256 text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  for (const migration of readMigrations(dir)) {
    await admin.transaction(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [done] = await q.query<{ sha256: string }>(
        'SELECT sha256 FROM trust_schema_migrations WHERE name = $1',
        [migration.name],
      );
      if (done) {
        if (done.sha256 !== migration.sha256) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
        }
        return;
      }
      if (!migration.runAsAdmin) await q.exec(`SET LOCAL ROLE ${OWNER_ROLE}`);
      await q.exec(migration.sql);
      await q.exec('RESET ROLE');
      await q.query('INSERT INTO trust_schema_migrations (name, sha256) VALUES ($1, $2)', [migration.name, migration.sha256]);
      applied.push(migration.name);
    });
  }
  return applied;
}
