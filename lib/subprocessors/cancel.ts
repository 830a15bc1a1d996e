import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { subprocessorChanges } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { cancellationMail } from './mails';
import { mailConfirmedSubscribers } from '@/lib/subscriptions/notify';
import type { LinkKeys } from '@/lib/subscriptions/tokens';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { isoDate } from './dates';
import { readChanges } from './read';
import { changeTitle, compareChanges, stateBefore, withDifferences } from './timeline';
import type { Ctx } from '@/lib/db/ctx';

const notFound = () => new AppError('not_found', 'There is no such change.', 404);

/**
 * Cancels a draft, or an announced change that has not taken effect yet (its subscribers are
 * told). A change that later changes of the same sub-processor build on is cancelled only
 * after them, so what remains always makes sense.
 */
export async function cancelChange({ db, clock, actor }: Ctx<Actor>, keys: LinkKeys, changeId: string): Promise<{ announced: boolean; notified: number }> {
  assertTrustAdmin(actor);
  if (!z.uuid().safeParse(changeId).success) throw notFound();
  return withActor(db, actor, async (tx) => {
    const now = clock.now();
    const [row] = await tx.select().from(subprocessorChanges).where(eq(subprocessorChanges.id, changeId)).for('update');
    if (!row) throw notFound();
    if (row.cancelledAt) throw new AppError('already_cancelled', 'This change is already cancelled.', 409);
    if (row.announcementId && row.effectiveAt <= now) {
      throw new AppError('already_effective', `This change took effect on ${isoDate(row.effectiveAt)}: schedule a new change to undo it.`, 409);
    }
    const others = (await readChanges(tx, { subprocessorId: row.subprocessorId })).filter((c) => !c.cancelledAt);
    const self = others.find((c) => c.id === changeId)!;
    const later = others.filter((c) => compareChanges(c, self) > 0).sort(compareChanges)[0];
    if (later) {
      throw new AppError('later_changes', `Cancel the later change first: ${changeTitle(later)}, effective ${isoDate(later.effectiveAt)}.`, 409);
    }
    await tx.update(subprocessorChanges).set({ cancelledAt: now, cancelledBy: actor.userId }).where(eq(subprocessorChanges.id, changeId));
    const record = (notified: number) =>
      emitEvent(tx, {
        tenantId: null,
        kind: 'content.subprocessor_change_cancelled',
        subject: self.slug,
        payload: { change: changeId, subprocessor: self.slug, kind: self.kind, announced: row.announcementId !== null, notified },
      });
    if (!row.announcementId) {
      await record(0);
      return { announced: false, notified: 0 };
    }
    const cancelled = withDifferences(self, stateBefore(others, self));
    const notified = await mailConfirmedSubscribers(tx, keys, (vendor, to, unsubscribe) => cancellationMail(keys, vendor, to, cancelled, unsubscribe));
    await record(notified);
    return { announced: true, notified };
  });
}
