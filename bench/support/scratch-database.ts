import { createPostgresAdmin } from '@/lib/db/postgres';
import { createMigratedDatabase, dropDatabase } from '@/lib/db/scratch';

/** A new, migrated database `<prefix>_<random>` on the server of `baseUrl`, with an admin connection to it. */
export async function scratchDatabase(baseUrl: string, prefix: string) {
  const { name, url } = await createMigratedDatabase(baseUrl, prefix);
  return { url: new URL(url), admin: createPostgresAdmin(url), drop: () => dropDatabase(baseUrl, name) };
}
