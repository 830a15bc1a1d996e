import 'server-only';
import { config } from '@/lib/core/config';
import { openAppDatabase } from '@/lib/db';
import { migrate } from '@/lib/db/migrate';
import type { OpenDatabase } from '@/lib/db/open';
import { installBuiltInQuestionnaires } from '@/lib/seed/portal/questionnaires';
import { isEmpty, seedDemoData } from '@/lib/seed/seed';

/**
 * Start-up: migrate, and on an empty embedded database load the demo data so that
 * `npm start` serves something to look at. PostgreSQL is seeded only on request (`db seed`).
 * The built-in questionnaires are installed on every database, unanswered.
 */
export async function prepareDatabase(db: OpenDatabase, options: { seedIfEmpty: boolean }) {
  const admin = db.admin();
  try {
    const applied = await migrate(admin);
    const seeded = options.seedIfEmpty && (await isEmpty(admin)) ? await seedDemoData(admin) : null;
    await admin.transaction((q) => installBuiltInQuestionnaires(q));
    return { applied, seeded };
  } finally {
    await admin.close();
  }
}

/** Called once when the server starts (instrumentation.ts). */
export async function prepareAppDatabase() {
  const cfg = config();
  const { applied, seeded } = await prepareDatabase(await openAppDatabase(), { seedIfEmpty: !cfg.databaseUrl });
  const where = cfg.databaseUrl ? 'PostgreSQL' : `embedded database in ${cfg.dataDir}`;
  console.log(`[trust-center] ${where}: ${applied.length} migration(s) applied${seeded ? ', demo data loaded' : ''}`);
}
