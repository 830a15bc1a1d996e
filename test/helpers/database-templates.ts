import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrate } from '@/lib/db/migrate';
import { embedded } from '@/lib/db/open';
import { createPostgresAdmin } from '@/lib/db/postgres';

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

  const postgresTemplate = process.env.TEST_DATABASE_URL ? await createPostgresTemplate(process.env.TEST_DATABASE_URL) : null;
  project.provide('postgresTemplate', postgresTemplate);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (postgresTemplate) await dropDatabase(process.env.TEST_DATABASE_URL!, postgresTemplate);
  };
}

async function createPostgresTemplate(baseUrl: string) {
  const name = `trust_template_${randomBytes(6).toString('hex')}`;
  const maintenance = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await maintenance.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await maintenance.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const admin = createPostgresAdmin(url.href);
  try {
    await migrate(admin);
  } finally {
    // A template may have no open connection while it is copied.
    await admin.close();
  }
  return name;
}

export async function dropDatabase(baseUrl: string, name: string) {
  const maintenance = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await maintenance.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await maintenance.end();
  }
}
