import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { queueMail } from '@/lib/mail/outbox';
import { alreadySubscribedMail, confirmMail } from './mails';
import { RESEND_AFTER_MS } from './policy';
import { hashToken, newToken, unsubscribeToken, type LinkKeys } from './tokens';
import { vendorName } from './vendor';

export const subscribeInput = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'The e-mail address is too long')
    .pipe(z.email('Enter a valid e-mail address'))
    .transform((e) => e.toLowerCase())
    // What the sub-processors page says when the form comes back with `invalid_email`.
    .describe('Enter a valid e-mail address, such as name@company.com.'),
});

/**
 * Double opt-in, without telling anyone whether an address is known: the caller always gets
 * the same answer, and whatever is true about the address is said only to its inbox. A new
 * or unsubscribed address is sent a confirmation link; a pending one a fresh link; a
 * confirmed one an "already subscribed" note. At most one such mail per address every ten
 * minutes, so the form cannot be used to flood someone's inbox.
 */
export async function subscribe(db: DbHandle, clock: Clock, keys: LinkKeys, input: z.infer<typeof subscribeInput>): Promise<void> {
  const { email } = input;
  // Runs as the portal's own work: the public may file a subscription but never read one back.
  await withActor(db, SYSTEM, async (tx) => {
    const now = clock.now();
    const id = randomUUID();
    const confirm = newToken();
    const inserted = await tx
      .insert(subscribers)
      .values({
        id,
        email,
        status: 'pending',
        confirmTokenHash: hashToken(confirm),
        unsubscribeTokenHash: hashToken(unsubscribeToken(keys, id)),
        createdAt: now,
        confirmationSentAt: now,
      })
      .onConflictDoNothing({ target: subscribers.email })
      .returning({ id: subscribers.id });
    const vendor = await vendorName(tx);
    if (inserted.length) {
      await queueMail(tx, confirmMail(keys, vendor, email, confirm, unsubscribeToken(keys, id)));
      return;
    }
    const [known] = await tx.select().from(subscribers).where(eq(subscribers.email, email)).for('update');
    if (known.confirmationSentAt && now.getTime() - known.confirmationSentAt.getTime() < RESEND_AFTER_MS) return;
    const unsubscribe = unsubscribeToken(keys, known.id);
    if (known.status === 'confirmed') {
      await tx
        .update(subscribers)
        .set({ confirmationSentAt: now, unsubscribeTokenHash: hashToken(unsubscribe) })
        .where(eq(subscribers.id, known.id));
      await queueMail(tx, alreadySubscribedMail(keys, vendor, email, unsubscribe));
      return;
    }
    // Pending or unsubscribed: a fresh link; the earlier one stops working.
    await tx
      .update(subscribers)
      .set({
        status: 'pending',
        confirmTokenHash: hashToken(confirm),
        unsubscribeTokenHash: hashToken(unsubscribe),
        confirmationSentAt: now,
        unsubscribedAt: null,
      })
      .where(eq(subscribers.id, known.id));
    await queueMail(tx, confirmMail(keys, vendor, email, confirm, unsubscribe));
  });
}
