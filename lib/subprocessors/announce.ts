import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, inArray, isNull } from 'drizzle-orm';
import { subprocessorAnnouncements, subprocessorChanges } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { announcementMail } from './mails';
import { mailConfirmedSubscribers } from '@/lib/subscriptions/notify';
import type { LinkKeys } from '@/lib/subscriptions/tokens';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { readChanges } from './read';
import { checkChange } from './schedule';
import { changeTitle, compareChanges, stateBefore, withDifferences } from './timeline';
import type { Ctx } from '@/lib/db/ctx';

export interface Announcement {
  id: string;
  announcedAt: string;
  changes: number;
  /** Confirmed subscribers mailed (one mail each, listing every change). */
  notified: number;
}

/**
 * Announces every draft together: the notice rule is checked again against this moment, the
 * changes join one announcement, and each confirmed subscriber is sent one mail listing them
 * all, queued in the same transaction.
 */
export async function announceDrafts({ db, clock, actor }: Ctx<Actor>, keys: LinkKeys): Promise<Announcement> {
  assertTrustAdmin(actor);
  return withActor(db, actor, async (tx) => {
    const now = clock.now();
    const locked = await tx
      .select({ id: subprocessorChanges.id })
      .from(subprocessorChanges)
      .where(and(isNull(subprocessorChanges.announcementId), isNull(subprocessorChanges.cancelledAt)))
      .for('update');
    if (locked.length === 0) throw new AppError('nothing_to_announce', 'There are no draft changes to announce.', 409);
    const ids = new Set(locked.map((r) => r.id));
    const id = randomUUID();
    const timeline = (await readChanges(tx))
      .filter((c) => !c.cancelledAt)
      .map((c) => (ids.has(c.id) ? { ...c, announcementId: id, announcedAt: now.toISOString() } : c));
    const drafts = timeline.filter((c) => ids.has(c.id)).sort(compareChanges);
    for (const d of drafts) {
      try {
        checkChange(
          d,
          timeline.filter((c) => c.subprocessorId === d.subprocessorId && c.id !== d.id),
          now,
        );
      } catch (error) {
        if (error instanceof AppError) throw new AppError(error.code, `${changeTitle(d)}: ${error.message}`, error.status);
        throw error;
      }
    }
    await tx.insert(subprocessorAnnouncements).values({ id, announcedAt: now, announcedBy: actor.userId });
    await tx
      .update(subprocessorChanges)
      .set({ announcementId: id })
      .where(inArray(subprocessorChanges.id, [...ids]));
    const announced = drafts.map((d) => withDifferences(d, stateBefore(timeline, d)));
    const notified = await mailConfirmedSubscribers(tx, keys, (vendor, to, unsubscribe) => announcementMail(keys, vendor, to, announced, unsubscribe));
    await emitEvent(tx, {
      tenantId: null,
      kind: 'content.subprocessor_changes_announced',
      subject: id,
      payload: { announcement: id, changes: drafts.map((d) => d.id), subprocessors: [...new Set(drafts.map((d) => d.slug))], notified },
    });
    return { id, announcedAt: now.toISOString(), changes: drafts.length, notified };
  });
}
