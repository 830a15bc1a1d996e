import 'server-only';
import { eq } from 'drizzle-orm';
import { subscribers } from '@/drizzle/schema';
import type { Tx } from '@/lib/db/types';
import { queueMail, type Mail } from '@/lib/mail/outbox';
import { hashToken, unsubscribeToken, type LinkKeys } from './tokens';
import { vendorName } from './vendor';

/**
 * Queues one mail for every confirmed subscriber, in the caller's transaction (so it goes out
 * if and only if the change commits). Each carries the subscriber's own unsubscribe link; if
 * the secret it is derived from was rotated, the stored hash follows so the new link works.
 */
export async function mailConfirmedSubscribers(tx: Tx, keys: LinkKeys, build: (vendor: string, to: string, unsubscribe: string) => Mail): Promise<number> {
  const vendor = await vendorName(tx);
  const confirmed = await tx.select().from(subscribers).where(eq(subscribers.status, 'confirmed'));
  for (const s of confirmed) {
    const token = unsubscribeToken(keys, s.id);
    if (s.unsubscribeTokenHash !== hashToken(token)) {
      await tx
        .update(subscribers)
        .set({ unsubscribeTokenHash: hashToken(token) })
        .where(eq(subscribers.id, s.id));
    }
    await queueMail(tx, build(vendor, s.email, token));
  }
  return confirmed.length;
}
