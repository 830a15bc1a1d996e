import 'server-only';
import { sql } from 'drizzle-orm';
import { readMigrations } from '@/lib/db/migrate';
import { queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import type { Finding } from './findings';

/** The migrations recorded as applied, or null when the database was never migrated. */
export type AppliedMigrations = { name: string; sha256: string }[] | null;

export async function gatherAppliedMigrations(tx: Tx): Promise<AppliedMigrations> {
  const [{ exists }] = await queryRows<{ exists: boolean }>(tx, sql`select to_regclass('trust_schema_migrations') is not null as exists`);
  if (!exists) return null;
  return queryRows<{ name: string; sha256: string }>(tx, sql`select name, sha256 from trust_schema_migrations order by name`);
}

export const notMigrated = (): Finding => ({
  id: 'db/not-migrated',
  severity: 'high',
  title: 'The database has not been migrated',
  found:
    'There is no trust_schema_migrations table: none of the roles, tables or row-level security policies the app relies on are in place, so nothing else could be checked.',
  fix: 'Run `npm run trust -- db migrate` (or start the app once), then audit again.',
});

/** Whether the database holds exactly the migrations this code ships, unchanged. */
export function migrationFindings(applied: { name: string; sha256: string }[], shipped = readMigrations()): Finding[] {
  const findings: Finding[] = [];
  const byName = new Map(applied.map((m) => [m.name, m.sha256]));
  const changed = shipped.filter((m) => byName.has(m.name) && byName.get(m.name) !== m.sha256).map((m) => m.name);
  const pending = shipped.filter((m) => !byName.has(m.name)).map((m) => m.name);
  const unknown = applied.filter((m) => !shipped.some((s) => s.name === m.name)).map((m) => m.name);
  if (changed.length > 0) {
    findings.push({
      id: 'db/migration-changed',
      severity: 'high',
      title: 'Applied migrations differ from the ones this code ships',
      found: `${changed.join(', ')} changed after being applied: the database’s roles, grants and policies are not the ones the code describes, and the app refuses to start.`,
      fix: 'Restore the original migration files and put changes in a new migration.',
    });
  }
  if (pending.length > 0) {
    findings.push({
      id: 'db/migrations-pending',
      severity: 'medium',
      title: `${pending.length} migration(s) not applied`,
      found: `${pending.join(', ')} are not applied: the running app may lack the grants and policies they bring. This audit checks the database as it is.`,
      fix: 'Run `npm run trust -- db migrate` (the app also applies them when it starts).',
    });
  }
  if (unknown.length > 0) {
    findings.push({
      id: 'db/migrations-unknown',
      severity: 'low',
      title: 'The database is newer than this code',
      found: `${unknown.join(', ')} are applied but not part of this code: the audit may not know every table.`,
      fix: 'Run the audit from the release that is deployed.',
    });
  }
  return findings;
}
