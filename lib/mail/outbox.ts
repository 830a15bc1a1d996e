import 'server-only';
import { desc } from 'drizzle-orm';
import { mailOutbox } from '@/drizzle/schema';
import type { StaffActor } from '@/lib/core/actor';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';
import { textWithLink } from './link';

export interface Mail {
  /** What the mail is for, e.g. 'subscription_confirm': shown in the outbox, used in tests. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
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
    // Subjects carry what people typed (names, companies): keep them within the column's limit.
    subject: mail.subject.length > 300 ? `${mail.subject.slice(0, 299)}…` : mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    headers: mail.headers ?? null,
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

/** A page of mail, newest first, for trust admins (the database lets no one else read it). */
export async function listOutbox(
  db: DbHandle,
  actor: StaffActor,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ total: number; entries: OutboxEntry[] }> {
  if (actor.role !== 'trust_admin') throw new AppError('forbidden', 'Only trust admins can read the mail outbox.', 403);
  const [total, rows] = await withActor(
    db,
    actor,
    async (tx) =>
      [
        await tx.$count(mailOutbox),
        await tx.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(limit).offset(offset),
      ] as const,
    { readOnly: true },
  );
  const entries = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.toAddress,
    subject: r.subject,
    text: textWithLink(r.textBody, r.linkPath),
    attachmentName: r.attachmentName,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    attempts: r.attempts,
    lastError: r.lastError,
  }));
  return { total, entries };
}
