import 'server-only';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { cachedPublic } from './cache';
import { countPublishedUpdates, listPublishedUpdates, type PublicUpdate } from './updates';

export const UPDATES_PAGE_SIZE = 10;

/** One page of published news (page 1 is the newest), cached until a trust admin changes the news. */
export function publicUpdatesPage(page: number): Promise<{ updates: PublicUpdate[]; total: number }> {
  return cachedPublic('updates', `page-${page}`, async () => {
    const db = await getDatabase();
    const [updates, total] = await Promise.all([
      listPublishedUpdates(db, systemClock, { limit: UPDATES_PAGE_SIZE, offset: (page - 1) * UPDATES_PAGE_SIZE }),
      countPublishedUpdates(db, systemClock),
    ]);
    return { updates, total };
  })();
}
