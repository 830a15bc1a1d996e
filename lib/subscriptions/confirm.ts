import 'server-only';
import { eq } from 'drizzle-orm';
import { subscribers } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import type { Tx } from '@/lib/db/types';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';
import { CONFIRM_VALID_DAYS } from './policy';
import { hashToken, plausibleToken } from './tokens';

export const invalidLink = () =>
  new AppError('invalid_link', 'This link is not valid: it may have been replaced by a newer one. Subscribe again to get a fresh link.', 404);

/** The subscriber whose link carries `token` (its hash in `column`), locked for the change the link makes. */
export async function subscriberByLink(tx: Tx, column: typeof subscribers.confirmTokenHash | typeof subscribers.unsubscribeTokenHash, token: string) {
  const [row] = await tx
    .select()
    .from(subscribers)
    .where(eq(column, hashToken(token)))
    .for('update');
  return row;
}

/** The second step of the double opt-in. Confirming twice is fine; an old or expired link is not. */
export async function confirmSubscription(db: DbHandle, clock: Clock, token: unknown): Promise<'confirmed' | 'already_confirmed'> {
  if (!plausibleToken(token)) throw invalidLink();
  return withActor(db, SYSTEM, async (tx) => {
    const row = await subscriberByLink(tx, subscribers.confirmTokenHash, token);
    if (!row || row.status === 'unsubscribed') throw invalidLink();
    if (row.status === 'confirmed') return 'already_confirmed';
    const sentAt = row.confirmationSentAt ?? row.createdAt;
    if (clock.now().getTime() - sentAt.getTime() > CONFIRM_VALID_DAYS * 86_400_000) {
      throw new AppError(
        'link_expired',
        `This confirmation link has expired (links work for ${CONFIRM_VALID_DAYS} days). Subscribe again to get a fresh one.`,
        404,
      );
    }
    await tx.update(subscribers).set({ status: 'confirmed', confirmedAt: clock.now() }).where(eq(subscribers.id, row.id));
    return 'confirmed';
  });
}
