import 'server-only';
import { config } from '@/lib/config/env';
import { openAppDatabase } from './index';
import { prepareDatabase } from './prepare';

/** Called once when the server starts (instrumentation.ts). */
export async function prepareAppDatabase() {
  const cfg = config();
  const { applied, seeded } = await prepareDatabase(await openAppDatabase(), { seedIfEmpty: !cfg.databaseUrl });
  const where = cfg.databaseUrl ? 'PostgreSQL' : `embedded database in ${cfg.dataDir}`;
  console.log(`[trust-center] ${where}: ${applied.length} migration(s) applied${seeded ? ', demo data loaded' : ''}`);
}
