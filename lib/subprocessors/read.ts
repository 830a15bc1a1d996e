import 'server-only';
import { and, eq, isNotNull, isNull, max } from 'drizzle-orm';
import { subprocessorAnnouncements, subprocessorChanges, subprocessors } from '@/drizzle/schema';
import { ANONYMOUS, SYSTEM, type Actor } from '@/lib/core/actor';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import type { Tx } from '@/lib/db/types';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { isoDate } from './dates';
import { earliestEffectiveDate, requiredNotice } from './notice';
import {
  compareChanges,
  currentAt,
  fieldsOf,
  stateBefore,
  upcomingAt,
  withDifferences,
  type CurrentSubprocessor,
  type PendingChange,
  type TimelineChange,
} from './timeline';
import type { Ctx } from '@/lib/db/ctx';

/** The changes (as RLS lets the transaction's actor see them), optionally of one sub-processor only. */
export async function readChanges(tx: Tx, where?: { publicOnly?: boolean; subprocessorId?: string }): Promise<TimelineChange[]> {
  const rows = await tx
    .select({ change: subprocessorChanges, slug: subprocessors.slug, announcedAt: subprocessorAnnouncements.announcedAt })
    .from(subprocessorChanges)
    .innerJoin(subprocessors, eq(subprocessors.id, subprocessorChanges.subprocessorId))
    .leftJoin(subprocessorAnnouncements, eq(subprocessorAnnouncements.id, subprocessorChanges.announcementId))
    .where(
      and(
        where?.publicOnly ? and(isNotNull(subprocessorChanges.announcementId), isNull(subprocessorChanges.cancelledAt)) : undefined,
        where?.subprocessorId ? eq(subprocessorChanges.subprocessorId, where.subprocessorId) : undefined,
      ),
    );
  return rows.map(({ change: c, slug, announcedAt }) => ({
    id: c.id,
    subprocessorId: c.subprocessorId,
    slug,
    kind: c.kind,
    ...fieldsOf(c),
    reason: c.reason,
    effectiveAt: c.effectiveAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    announcementId: c.announcementId,
    announcedAt: announcedAt?.toISOString() ?? null,
    cancelledAt: c.cancelledAt?.toISOString() ?? null,
  }));
}

/** What the public portal is computed from: every announced, uncancelled change (JSON-safe, cacheable). */
export interface PublicTimeline {
  changes: TimelineChange[];
  /** The last time an announced change was cancelled, which also changes the lists. */
  lastCancelledAt: string | null;
}

export async function readPublicTimeline(db: DbHandle): Promise<PublicTimeline> {
  const changes = await withActor(db, ANONYMOUS, (tx) => readChanges(tx, { publicOnly: true }), { readOnly: true });
  // The public cannot see cancelled changes (RLS); the portal's own work reads only when the last one was.
  const [row] = await withActor(
    db,
    SYSTEM,
    (tx) =>
      tx
        .select({ at: max(subprocessorChanges.cancelledAt) })
        .from(subprocessorChanges)
        .where(isNotNull(subprocessorChanges.announcementId)),
    { readOnly: true },
  );
  return { changes: changes.sort(compareChanges), lastCancelledAt: row?.at ? new Date(row.at).toISOString() : null };
}

/** The public lists at a moment: computed per request from the cached timeline, so a change takes effect on time. */
export interface PublicSubprocessors {
  current: CurrentSubprocessor[];
  upcoming: PendingChange[];
  /** When the lists last changed: an announcement, a cancellation, or a change taking effect. Null when never. */
  updatedAt: string | null;
}

export function publicSubprocessorsAt(timeline: PublicTimeline, at: Date): PublicSubprocessors {
  const now = at.toISOString();
  let updatedAt = timeline.lastCancelledAt && timeline.lastCancelledAt <= now ? timeline.lastCancelledAt : null;
  for (const c of timeline.changes) {
    for (const t of [c.announcedAt, c.effectiveAt]) if (t && t <= now && (!updatedAt || t > updatedAt)) updatedAt = t;
  }
  return { current: currentAt(timeline.changes, at), upcoming: upcomingAt(timeline.changes, at), updatedAt };
}

/** A draft as trust admins see it: what it changes, and the notice it needs if announced now. */
export interface DraftChange extends PendingChange {
  noticeDays: number;
  earliestDate: string;
  /** Whether announcing it now passes the notice rule. */
  onTime: boolean;
}

export interface AdminSubprocessors extends PublicSubprocessors {
  drafts: DraftChange[];
  /** Every sub-processor that exists now or is scheduled to, for the change forms. */
  known: { slug: string; name: string; current: boolean }[];
}

export async function readAdminSubprocessors({ db, clock, actor }: Ctx<Actor>): Promise<AdminSubprocessors> {
  assertTrustAdmin(actor);
  const changes = await withActor(db, actor, (tx) => readChanges(tx), { readOnly: true });
  const now = clock.now();
  const lastCancelled = changes.reduce<string | null>((m, c) => (c.announcedAt && c.cancelledAt && (!m || c.cancelledAt > m) ? c.cancelledAt : m), null);
  const publicView = publicSubprocessorsAt({ changes: changes.filter((c) => c.announcedAt && !c.cancelledAt), lastCancelledAt: lastCancelled }, now);
  const uncancelled = changes.filter((c) => !c.cancelledAt);
  const drafts = uncancelled
    .filter((c) => !c.announcementId)
    .sort(compareChanges)
    .map((c): DraftChange => {
      const pending = withDifferences(c, stateBefore(uncancelled, c));
      const { days } = requiredNotice(c.kind, pending.before, c);
      const earliestDate = earliestEffectiveDate(now, days);
      return { ...pending, noticeDays: days, earliestDate, onTime: isoDate(c.effectiveAt) >= earliestDate };
    });
  // Those current now, and those that will exist once every scheduled change has taken effect.
  const known = new Map<string, { slug: string; name: string; current: boolean }>();
  for (const c of [...uncancelled].sort(compareChanges)) {
    if (c.kind === 'remove') known.delete(c.slug);
    else known.set(c.slug, { slug: c.slug, name: c.name, current: false });
  }
  for (const c of publicView.current) known.set(c.slug, { slug: c.slug, name: c.name, current: true });
  return { ...publicView, drafts, known: [...known.values()].sort((a, b) => a.name.localeCompare(b.name, 'en')) };
}
