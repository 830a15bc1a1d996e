import postgres from 'postgres';
import { migrate } from '@/lib/db/migrate';
import { createPostgresAdmin } from '@/lib/db/postgres';

/** A new, migrated database `name` on the server of `baseUrl` (any old one is dropped first). */
export async function scratchDatabase(baseUrl: string, name: string) {
  const maintenance = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await maintenance.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await maintenance.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const admin = createPostgresAdmin(url.href);
  await migrate(admin);
  return {
    url,
    admin,
    async drop() {
      await maintenance.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await maintenance.end();
    },
  };
}
