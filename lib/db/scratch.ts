import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrate } from './migrate';
import { createPostgresAdmin } from './postgres';

const withMaintenance = async <T>(baseUrl: string, fn: (sql: postgres.Sql) => Promise<T>) => {
  const sql = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
};

/**
 * A new database beside `baseUrl` (any database the user may create databases from), named
 * `<prefix>_<random>`, with every migration applied: for the schema snapshot and the tests'
 * template. No connection to it stays open, so it can be copied at once.
 */
export async function createMigratedDatabase(baseUrl: string, prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withMaintenance(baseUrl, (sql) => sql.unsafe(`CREATE DATABASE ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const admin = createPostgresAdmin(url.href);
  try {
    await migrate(admin);
  } catch (error) {
    await admin.close();
    await dropDatabase(baseUrl, name);
    throw error;
  }
  await admin.close();
  return { name, url: url.href };
}

export async function dropDatabase(baseUrl: string, name: string) {
  await withMaintenance(baseUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
