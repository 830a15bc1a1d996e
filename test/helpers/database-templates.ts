import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { migrate } from '@/lib/db/migrate';
import { embedded } from '@/lib/db/open';
import { createMigratedDatabase, dropDatabase } from '@/lib/db/scratch';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory, dumped as a tar file that each test database loads. */
    pgliteTemplate: string;
    /** A migrated PostgreSQL database that each test database is copied from (CREATE DATABASE ... TEMPLATE). */
    postgresTemplate: string | null;
  }
}

/**
 * Vitest global setup: migrate once per run, then every test database starts as a copy of the
 * result instead of running every migration again.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-test-'));
  const pgliteTemplate = path.join(dir, 'migrated.tar');
  const pg = new PGlite();
  await migrate(embedded(pg).admin());
  fs.writeFileSync(pgliteTemplate, Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer()));
  await pg.close();
  project.provide('pgliteTemplate', pgliteTemplate);

  const postgresTemplate = process.env.TEST_DATABASE_URL ? (await createMigratedDatabase(process.env.TEST_DATABASE_URL, 'trust_template')).name : null;
  project.provide('postgresTemplate', postgresTemplate);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (postgresTemplate) await dropDatabase(process.env.TEST_DATABASE_URL!, postgresTemplate);
  };
}
