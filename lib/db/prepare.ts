import { migrate } from './migrate';
import type { OpenDatabase } from './open';
import { isEmpty, seedDemoData } from '@/lib/seed/seed';

/**
 * Start-up: migrate, and on an empty embedded database load the demo data so that
 * `npm start` serves something to look at. PostgreSQL is seeded only on request (`db seed`).
 */
export async function prepareDatabase(db: OpenDatabase, options: { seedIfEmpty: boolean }) {
  const admin = db.admin();
  try {
    const applied = await migrate(admin);
    const seeded = options.seedIfEmpty && (await isEmpty(admin)) ? await seedDemoData(admin) : null;
    return { applied, seeded };
  } finally {
    await admin.close();
  }
}
