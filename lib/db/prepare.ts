import { migrate } from './migrate';
import type { OpenDatabase } from './open';
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
