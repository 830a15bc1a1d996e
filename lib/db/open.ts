import type { PGlite } from '@electric-sql/pglite';
import type { Config } from '@/lib/core/config';
import { createPgliteDatabase, openPgliteDirectory, pgliteAdmin } from './pglite';
import { createPostgresAdmin, createPostgresDatabase } from './postgres';
import type { AdminConnection, Database } from './types';

export interface OpenDatabase {
  database: Database;
  /** Operator connection for migrations and seeding; close it when done. */
  admin(): AdminConnection;
}

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite under DATA_DIR. */
export async function openDatabase(cfg: Pick<Config, 'databaseUrl' | 'databaseAdminUrl' | 'databaseSignerUrl' | 'dataDir'>): Promise<OpenDatabase> {
  if (cfg.databaseUrl) {
    const adminUrl = cfg.databaseAdminUrl ?? cfg.databaseUrl;
    // The signer logs in as trust_signer, or switches to it from the operator's role.
    const signerUrl = cfg.databaseSignerUrl ?? adminUrl;
    return { database: createPostgresDatabase(cfg.databaseUrl, { signerUrl }), admin: () => createPostgresAdmin(adminUrl) };
  }
  const { pg, release } = await openPgliteDirectory(cfg.dataDir);
  return embedded(pg, async () => {
    await pg.close();
    release();
  });
}

export function embedded(pg: PGlite, onClose?: () => Promise<void>): OpenDatabase {
  return { database: createPgliteDatabase(pg, onClose), admin: () => pgliteAdmin(pg) };
}
