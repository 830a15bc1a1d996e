import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { systemClock } from '@/lib/core/clock';
import { config } from '@/lib/core/config';
import { getDatabase } from '@/lib/db';
import { deliverDueMail } from './deliver';

let transport: Transporter | undefined;
let running: Promise<void> | undefined;
let again = false;

function smtp(): Transporter | undefined {
  const url = config().smtpUrl;
  if (!url) return undefined;
  return (transport ??= nodemailer.createTransport(url));
}

/**
 * Delivers queued mail now, in the background, after the change that queued it committed.
 * Without SMTP_URL the mail stays in the outbox, where trust admins read it.
 */
export function sendQueuedMail() {
  const transporter = smtp();
  if (!transporter) return;
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const db = await getDatabase();
        while ((await deliverDueMail(db, transporter, config().mailFrom, systemClock)) > 0);
      } while (again);
    } catch (error) {
      console.error('[trust-center] mail delivery failed; it will be retried', error);
    } finally {
      running = undefined;
    }
  })();
}

/** Retries failed deliveries while the server runs (instrumentation.ts). */
export function startMailRetries(intervalMs = 60_000) {
  if (!config().smtpUrl) return;
  setInterval(sendQueuedMail, intervalMs).unref();
}
