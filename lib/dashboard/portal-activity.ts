import 'server-only';
import { sql } from 'drizzle-orm';
import type { StaffActor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { queryRows } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';

const DAY_MS = 86_400_000;

export interface DailyCount {
  /** YYYY-MM-DD (UTC). */
  day: string;
  downloads: number;
  accessRequests: number;
}

export interface PortalActivity {
  /** One entry per day, oldest first, days without activity included. */
  days: DailyCount[];
  pendingRequests: { id: string; name: string; company: string; email: string; createdAt: Date }[];
  pendingRequestCount: number;
  upcomingChanges: { id: string; name: string; kind: 'add' | 'update' | 'remove'; effectiveAt: Date }[];
  draftChangeCount: number;
  expiringDocuments: { slug: string; title: string; validUntil: string; expired: boolean }[];
  unsentMail: number;
}

/**
 * What a trust admin's dashboard shows: downloads and access requests per day (the server's
 * own records, no tracker), what waits for a decision, what changes soon.
 */
export async function portalActivity(db: DbHandle, actor: StaffActor, clock: Clock, days = 30): Promise<PortalActivity> {
  if (actor.kind !== 'staff' || actor.role !== 'trust_admin') {
    throw new AppError('forbidden', 'Only trust admins can see portal activity.', 403);
  }
  const now = clock.now();
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const since = new Date(today.getTime() - (days - 1) * DAY_MS);
  const soon = new Date(today.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);

  return withActor(
    db,
    actor,
    async (tx) => {
      const counts = await queryRows<{ day: string; downloads: number; requests: number }>(
        tx,
        sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(downloads)::int AS downloads, sum(requests)::int AS requests FROM (
              SELECT date_trunc('day', downloaded_at AT TIME ZONE 'UTC') AS day, 1 AS downloads, 0 AS requests
                FROM document_downloads WHERE downloaded_at >= ${since.toISOString()}
              UNION ALL
              SELECT date_trunc('day', created_at AT TIME ZONE 'UTC'), 0, 1
                FROM access_requests WHERE created_at >= ${since.toISOString()}
            ) AS activity GROUP BY day`,
      );
      const byDay = new Map(counts.map((c) => [c.day, c]));
      const series: DailyCount[] = [];
      for (let t = since.getTime(); t <= today.getTime(); t += DAY_MS) {
        const day = new Date(t).toISOString().slice(0, 10);
        const c = byDay.get(day);
        series.push({ day, downloads: c?.downloads ?? 0, accessRequests: c?.requests ?? 0 });
      }

      const pending = await queryRows<{ id: string; name: string; company: string; email: string; created_at: string; total: number }>(
        tx,
        sql`SELECT id, name, company, email, created_at, count(*) OVER ()::int AS total
            FROM access_requests WHERE status = 'pending' ORDER BY created_at ASC LIMIT 5`,
      );
      const upcoming = await queryRows<{ id: string; name: string; kind: 'add' | 'update' | 'remove'; effective_at: string }>(
        tx,
        sql`SELECT id, name, kind, effective_at FROM subprocessor_changes
            WHERE announcement_id IS NOT NULL AND cancelled_at IS NULL AND effective_at > ${now.toISOString()}
            ORDER BY effective_at ASC LIMIT 10`,
      );
      const [drafts] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM subprocessor_changes WHERE announcement_id IS NULL AND cancelled_at IS NULL`,
      );
      const expiring = await queryRows<{ slug: string; title: string; valid_until: string }>(
        tx,
        sql`SELECT slug, title, to_char(valid_until, 'YYYY-MM-DD') AS valid_until FROM documents
            WHERE archived_at IS NULL AND valid_until IS NOT NULL AND valid_until <= ${soon}::date
            ORDER BY valid_until ASC LIMIT 10`,
      );
      const [unsent] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM mail_outbox WHERE sent_at IS NULL`);

      const todayText = today.toISOString().slice(0, 10);
      return {
        days: series,
        pendingRequests: pending.map((p) => ({ id: p.id, name: p.name, company: p.company, email: p.email, createdAt: new Date(p.created_at) })),
        pendingRequestCount: pending[0]?.total ?? 0,
        upcomingChanges: upcoming.map((u) => ({ id: u.id, name: u.name, kind: u.kind, effectiveAt: new Date(u.effective_at) })),
        draftChangeCount: drafts.n,
        expiringDocuments: expiring.map((d) => ({ slug: d.slug, title: d.title, validUntil: d.valid_until, expired: d.valid_until < todayText })),
        unsentMail: unsent.n,
      };
    },
    { readOnly: true },
  );
}
