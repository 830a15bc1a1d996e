import { desc, lte } from 'drizzle-orm';
import { portalUpdates } from '@/drizzle/schema';
import { ANONYMOUS } from '@/lib/auth/actor';
import type { Clock } from '@/lib/clock';
import { type DbHandle, withActor } from '@/lib/db/with-actor';

/** A published news item, as the updates page and the Atom feed show it (JSON-safe). */
export interface PublicUpdate {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  updatedAt: string;
}

/** Published news, newest first. */
export async function listPublishedUpdates(db: DbHandle, clock: Clock, { limit = 50, offset = 0 } = {}): Promise<PublicUpdate[]> {
  const rows = await withActor(
    db,
    ANONYMOUS,
    (tx) =>
      tx
        .select()
        .from(portalUpdates)
        .where(lte(portalUpdates.publishedAt, clock.now()))
        .orderBy(desc(portalUpdates.publishedAt), desc(portalUpdates.id))
        .limit(limit)
        .offset(offset),
    { readOnly: true },
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    publishedAt: r.publishedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
