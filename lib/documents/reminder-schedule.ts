import 'server-only';
import { trustAdminEmails } from '@/lib/access/trust-admins';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { sendQueuedMail } from '@/lib/mail/sender';
import { sendValidityReminders } from './reminders';

/** Sends the documents' validity reminders that are due: now, and every `intervalMs` while the server runs. */
export function startValidityReminders(intervalMs = 3_600_000) {
  const run = async () => {
    try {
      const db = await getDatabase();
      const reminded = await sendValidityReminders(db, systemClock, await trustAdminEmails(db));
      if (reminded.length > 0) sendQueuedMail();
    } catch (error) {
      console.error('[trust-center] document validity reminders failed; they will be tried again', error);
    }
  };
  void run();
  setInterval(run, intervalMs).unref();
}
