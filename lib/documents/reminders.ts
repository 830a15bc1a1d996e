import 'server-only';
import { and, isNotNull, isNull, lte } from 'drizzle-orm';
import { documents } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { config } from '@/lib/core/config';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { queueMail } from '@/lib/mail/outbox';
import { readPublicSettings } from '@/lib/portal/settings';
import { REMINDER_DAYS, addDays, isoDay, validityOf } from './validity';

export interface RemindedDocument {
  id: string;
  title: string;
  validUntil: string;
}

function describe(d: RemindedDocument, now: Date) {
  const { daysLeft } = validityOf(d.validUntil, now);
  const when = daysLeft! < 0 ? `expired ${-daysLeft!} day(s) ago` : daysLeft === 0 ? 'expires today' : `expires in ${daysLeft} day(s)`;
  return `- ${d.title}: valid until ${d.validUntil}, ${when}\n  ${new URL(`/admin/documents/${d.id}`, config().appUrl)}`;
}

/**
 * Mails the trust admins once about every document whose valid-until date is at most 30
 * days away or already passed, and marks each as reminded (a new date re-arms it). The
 * documents are claimed by one conditional UPDATE, so two instances never remind twice.
 * Without anyone to tell, nothing is marked, so the reminder is not lost.
 */
export async function sendValidityReminders(db: DbHandle, clock: Clock, recipients: string[]): Promise<RemindedDocument[]> {
  if (recipients.length === 0) return [];
  const now = clock.now();
  const { vendorName } = await readPublicSettings(db);
  return withActor(db, SYSTEM, async (tx) => {
    const due = await tx
      .update(documents)
      .set({ validityRemindedAt: now })
      .where(
        and(
          isNull(documents.archivedAt),
          isNull(documents.validityRemindedAt),
          isNotNull(documents.validUntil),
          lte(documents.validUntil, addDays(isoDay(now), REMINDER_DAYS)),
        ),
      )
      .returning({ id: documents.id, title: documents.title, validUntil: documents.validUntil });
    if (due.length === 0) return [];
    const reminded = due.map((d) => ({ id: d.id, title: d.title, validUntil: d.validUntil! })).sort((a, b) => a.validUntil.localeCompare(b.validUntil));
    const text = [
      `These documents on the ${vendorName} trust portal expire within ${REMINDER_DAYS} days or have expired:`,
      '',
      ...reminded.map((d) => describe(d, now)),
      '',
      'Upload the renewed document as a new version and set its new valid-until date. Until then the portal shows the date to reviewers.',
    ].join('\n');
    for (const to of recipients) {
      await queueMail(tx, {
        kind: 'document_validity_reminder',
        to,
        subject: reminded.length === 1 ? `Document expiring: ${reminded[0].title}` : `${reminded.length} documents expiring on the trust portal`,
        text,
      });
    }
    return reminded;
  });
}
