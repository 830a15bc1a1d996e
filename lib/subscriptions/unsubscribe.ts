import 'server-only';
import { eq } from 'drizzle-orm';
import { subscribers } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { invalidLink, subscriberByLink } from './confirm';
import { plausibleToken } from './tokens';

/** Ends a subscription (pending or confirmed) from the link in any of its mails. Doing it twice is fine. */
export async function unsubscribe(db: DbHandle, clock: Clock, token: unknown): Promise<void> {
  if (!plausibleToken(token)) throw invalidLink();
  await withActor(db, SYSTEM, async (tx) => {
    const row = await subscriberByLink(tx, subscribers.unsubscribeTokenHash, token);
    if (!row) throw invalidLink();
    if (row.status === 'unsubscribed') return;
    await tx.update(subscribers).set({ status: 'unsubscribed', unsubscribedAt: clock.now(), confirmTokenHash: null }).where(eq(subscribers.id, row.id));
  });
}
