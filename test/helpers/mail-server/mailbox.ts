import { expect } from '@playwright/test';
import type { ReceivedMail } from './server';

/** The mail the end-to-end app sent to `to`, read from the test mail server's mailbox. */
export async function mailTo(mailboxUrl: string, to: string, subject?: RegExp): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        const all = (await (await fetch(`${mailboxUrl}/messages?to=${encodeURIComponent(to)}`)).json()) as ReceivedMail[];
        found = all.find((m) => !subject || subject.test(m.subject));
        return Boolean(found);
      },
      { timeout: 15_000, message: `mail to ${to}${subject ? ` matching ${subject}` : ''}` },
    )
    .toBe(true);
  return found!;
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const match = mail.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S+`));
  if (!match) throw new Error(`no link starting ${prefix} in mail "${mail.subject}"`);
  return match[0];
}
