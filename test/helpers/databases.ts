import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { migrate } from '@/lib/db/migrate';
import { embedded } from '@/lib/db/open';
import { createPostgresAdmin, createPostgresDatabase } from '@/lib/db/postgres';
import type { AdminConnection, Database } from '@/lib/db/types';

export type Backend = 'pglite' | 'postgres';

export interface TestDatabase {
  backend: Backend;
  /** The app's database, as the app opens it: transactions run as trust_app. */
  db: Database;
  /** PostgreSQL: connected as trust_app itself, as in production. PGlite: same as db. */
  appRoleDb: Database;
  /** Superuser connection for arranging data and checking what really is in the tables. */
  admin: AdminConnection;
  /** PostgreSQL only: the URL that logs in as trust_app. */
  appUrl?: string;
}

export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

// Without a migrations folder of its own, a test database starts as a copy of the one the global
// setup migrated (test/helpers/database-templates.ts).
async function createPglite(migrationsDir?: string): Promise<TestDatabase & { dispose(): Promise<void> }> {
  const pg = migrationsDir ? new PGlite() : new PGlite({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  const opened = embedded(pg);
  const admin = opened.admin();
  if (migrationsDir) await migrate(admin, migrationsDir);
  return { backend: 'pglite', db: opened.database, appRoleDb: opened.database, admin, dispose: () => pg.close() };
}

async function createPostgres(migrationsDir?: string): Promise<TestDatabase & { dispose(): Promise<void> }> {
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `trust_test_${randomBytes(6).toString('hex')}`;
  const maintenance = postgres(base.href, { max: 1, onnotice: () => {} });
  const template = migrationsDir ? null : inject('postgresTemplate');
  if (template) {
    await maintenance.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    // A copy keeps the template's schema but not its database-level privileges, which the first
    // migration sets: take TEMPORARY from PUBLIC again, as it did.
    await maintenance.unsafe(`REVOKE TEMPORARY ON DATABASE ${name} FROM PUBLIC`);
  } else {
    await maintenance.unsafe(`CREATE DATABASE ${name}`);
  }
  const url = new URL(base.href);
  url.pathname = `/${name}`;
  const admin = createPostgresAdmin(url.href);
  if (!template) await migrate(admin, migrationsDir);
  const appUrl = new URL(url.href);
  appUrl.username = 'trust_app';
  appUrl.password = '';
  const db = createPostgresDatabase(url.href, { max: 4 });
  const appRoleDb = createPostgresDatabase(appUrl.href, { max: 4 });
  return {
    backend: 'postgres',
    db,
    appRoleDb,
    admin,
    appUrl: appUrl.href,
    async dispose() {
      await Promise.all([db.close(), appRoleDb.close(), admin.close()]);
      await maintenance.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await maintenance.end();
    },
  };
}

/** A fresh database migrated with every migration, or with those in migrationsDir (to test a later migration on older data). */
export function createTestDatabase(backend: Backend, migrationsDir?: string) {
  return backend === 'pglite' ? createPglite(migrationsDir) : createPostgres(migrationsDir);
}

/**
 * Runs the same integration tests against a freshly migrated PGlite and, when
 * TEST_DATABASE_URL is set, a fresh PostgreSQL database.
 */
export function describeEachDatabase(title: string, body: (t: () => TestDatabase) => void) {
  describe.each(BACKENDS)(`${title} [%s]`, (backend) => {
    let current: (TestDatabase & { dispose(): Promise<void> }) | undefined;
    beforeAll(async () => {
      current = await createTestDatabase(backend);
    });
    afterAll(async () => {
      await current?.dispose();
    });
    body(() => {
      if (!current) throw new Error('test database not ready');
      return current;
    });
  });
}
