import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANONYMOUS, SYSTEM } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { withActor } from '@/lib/db/with-actor';
import { deliverDueMail, retryDelayMs } from '@/lib/mail/deliver';
import { listOutbox, queueMail } from '@/lib/mail/outbox';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';
import { startTestMailServer, type TestMailServer } from '../helpers/mail-server/server';

let smtp: TestMailServer;
beforeAll(async () => {
  smtp = await startTestMailServer();
});
afterAll(() => smtp.close());

const FROM = 'Trust Center <no-reply@trust.example>';

describeEachDatabase('mail outbox', (t) => {
  it('delivers queued mail over SMTP once, attachment included, and records it as sent', async () => {
    const to = `reviewer-${Date.now()}@prospect.example`;
    await withActor(t().db, ANONYMOUS, (tx) =>
      queueMail(tx, {
        kind: 'test',
        to,
        subject: 'Your record',
        text: 'Hello',
        attachment: { filename: 'record.pdf', content: Buffer.from('%PDF-1.7 test') },
      }),
    );
    const transport = nodemailer.createTransport(smtp.smtpUrl);
    const clock = manualClock(new Date(Date.now() + 1000));
    expect(await deliverDueMail(t().db, transport, FROM, clock)).toBe(1);
    const mail = await smtp.waitFor(to, /Your record/);
    expect(mail.text.trim()).toBe('Hello');
    expect(mail.attachments).toEqual([expect.objectContaining({ filename: 'record.pdf' })]);
    // Sent mail is not sent again.
    expect(await deliverDueMail(t().db, transport, FROM, clock)).toBe(0);
    expect(smtp.received.filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it('keeps a failed delivery with its error and retries it after a back-off', async () => {
    const to = `retry-${Date.now()}@prospect.example`;
    await withActor(t().db, SYSTEM, (tx) => queueMail(tx, { kind: 'test', to, subject: 'Retry me', text: 'Body' }));
    const clock = manualClock(new Date(Date.now() + 1000));
    const broken = nodemailer.createTransport({ host: '127.0.0.1', port: 1, connectionTimeout: 500 });
    expect(await deliverDueMail(t().db, broken, FROM, clock)).toBe(0);
    const admin = await createStaff(t().admin, 'trust_admin');
    const { entries } = await listOutbox(t().db, admin, { limit: 50, offset: 0 });
    const failed = entries.find((e) => e.to === to)!;
    expect(failed.sentAt).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toBeTruthy();

    const transport = nodemailer.createTransport(smtp.smtpUrl);
    expect(await deliverDueMail(t().db, transport, FROM, clock)).toBe(0); // not due yet
    clock.advance(retryDelayMs(1));
    expect(await deliverDueMail(t().db, transport, FROM, clock)).toBe(1);
    await smtp.waitFor(to, /Retry me/);
  });

  it('shows the outbox to trust admins only', async () => {
    const support = await createStaff(t().admin, 'support');
    await expect(listOutbox(t().db, support, { limit: 10, offset: 0 })).rejects.toMatchObject({ status: 403 });
    // The database agrees: other actors read no mail even when asking directly.
    const tenant = await createTenant(t().admin);
    const customer = await createCustomer(t().admin, tenant);
    for (const actor of [support, customer, ANONYMOUS]) {
      const rows = await withActor(t().db, actor, (tx) => tx.execute('SELECT * FROM mail_outbox' as never), { readOnly: true });
      expect(Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).toHaveLength(0);
    }
  });
});
