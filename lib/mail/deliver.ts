import 'server-only';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { mailOutbox } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { withActor } from '@/lib/db/with-actor';
import type { Database } from '@/lib/db/types';
import { textWithLink } from './link';

const BATCH = 20;
const MAX_ATTEMPTS = 8;

/** 1 min, 2, 4, ... capped at 6 h between attempts. */
export function retryDelayMs(attempts: number) {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

// How long a claimed mail is left to the instance sending it before another may try again.
const LEASE_MS = 5 * 60_000;

/**
 * Sends what is due in the outbox through SMTP. Mail is claimed in one short transaction (SKIP
 * LOCKED, then leased by moving its next attempt), sent with no transaction open, and each
 * result recorded in its own: a slow SMTP server never holds the database (PGlite runs one
 * transaction at a time). A failure is kept with its error and retried with back-off. An
 * instance that dies between sending and recording sends that mail again after the lease:
 * at least once, never lost.
 */
export async function deliverDueMail(db: Database, transport: Transporter, from: string, clock: Clock): Promise<number> {
  const claimed = await withActor(db, SYSTEM, async (tx) => {
    const due = await tx
      .select()
      .from(mailOutbox)
      .where(and(isNull(mailOutbox.sentAt), lte(mailOutbox.nextAttemptAt, clock.now()), sql`${mailOutbox.attempts} < ${MAX_ATTEMPTS}`))
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length > 0) {
      const lease = new Date(clock.now().getTime() + LEASE_MS);
      await tx
        .update(mailOutbox)
        .set({ nextAttemptAt: lease })
        .where(
          inArray(
            mailOutbox.id,
            due.map((m) => m.id),
          ),
        );
    }
    return due;
  });
  let sent = 0;
  for (const mail of claimed) {
    const attempts = mail.attempts + 1;
    let outcome: Partial<typeof mailOutbox.$inferInsert>;
    try {
      await transport.sendMail({
        from,
        to: mail.toAddress,
        subject: mail.subject,
        text: textWithLink(mail.textBody, mail.linkPath),
        html: mail.htmlBody ?? undefined,
        attachments: mail.attachment ? [{ filename: mail.attachmentName!, content: mail.attachment }] : undefined,
        headers: { ...mail.headers, 'X-Trust-Center-Mail-Id': mail.id },
      });
      outcome = { sentAt: clock.now(), attempts, lastError: null };
      sent++;
    } catch (error) {
      outcome = {
        attempts,
        lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
        nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(attempts)),
      };
    }
    await withActor(db, SYSTEM, (tx) => tx.update(mailOutbox).set(outcome).where(eq(mailOutbox.id, mail.id)));
  }
  return sent;
}
