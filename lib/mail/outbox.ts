import { desc, isNull } from 'drizzle-orm';
import { mailOutbox } from '@/drizzle/schema';
import type { Tx } from '@/lib/db/types';

export interface Mail {
  /** What the mail is for, e.g. 'subscription_confirm': shown in the outbox, used in tests. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachment?: { filename: string; content: Buffer };
}

/**
 * Queues a mail in the same transaction as the change it reports, so a mail is sent if and
 * only if the change commits. Delivery happens after commit (see deliver.ts).
 */
export async function queueMail(tx: Tx, mail: Mail) {
  await tx.insert(mailOutbox).values({
    kind: mail.kind,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    attachmentName: mail.attachment?.filename ?? null,
    attachment: mail.attachment?.content ?? null,
  });
}

export interface OutboxEntry {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  attachmentName: string | null;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/** The newest mail first, for the admin console (RLS: trust admins only). */
export async function listOutbox(tx: Tx, { limit, offset }: { limit: number; offset: number }): Promise<OutboxEntry[]> {
  const rows = await tx.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(limit).offset(offset);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.toAddress,
    subject: r.subject,
    text: r.textBody,
    attachmentName: r.attachmentName,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    attempts: r.attempts,
    lastError: r.lastError,
  }));
}

export async function countUnsent(tx: Tx) {
  return tx.$count(mailOutbox, isNull(mailOutbox.sentAt));
}
