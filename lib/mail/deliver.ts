import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { mailOutbox } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/auth/actor';
import type { Clock } from '@/lib/clock';
import { withActor } from '@/lib/db/with-actor';
import type { Database } from '@/lib/db/types';

const BATCH = 20;
const MAX_ATTEMPTS = 8;

/** 1 min, 2, 4, ... capped at 6 h between attempts. */
export function retryDelayMs(attempts: number) {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/**
 * Sends what is due in the outbox through SMTP. Rows are locked while they are sent (SKIP
 * LOCKED), so several app instances never send the same mail twice at once; a failure is
 * kept with its error and retried later with back-off.
 */
export async function deliverDueMail(db: Database, transport: Transporter, from: string, clock: Clock): Promise<number> {
  return withActor(db, SYSTEM, async (tx) => {
    const due = await tx
      .select()
      .from(mailOutbox)
      .where(and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextAttemptAt, clock.now()), sql`${mailOutbox.attempts} < ${MAX_ATTEMPTS}`))
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    let sent = 0;
    for (const mail of due) {
      try {
        await transport.sendMail({
          from,
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.textBody,
          html: mail.htmlBody ?? undefined,
          attachments: mail.attachment ? [{ filename: mail.attachmentName!, content: mail.attachment }] : undefined,
          headers: { ...mail.headers, 'X-Trust-Center-Mail-Id': mail.id },
        });
        await tx.update(mailOutbox).set({ sentAt: clock.now(), attempts: mail.attempts + 1, lastError: null }).where(eq(mailOutbox.id, mail.id));
        sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        await tx
          .update(mailOutbox)
          .set({
            attempts,
            lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
            nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(attempts)),
          })
          .where(eq(mailOutbox.id, mail.id));
      }
    }
    return sent;
  });
}
