import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/core/actor';
import { manualClock, systemClock } from '@/lib/core/clock';
import { createDocument, updateDocument } from '@/lib/documents/edit';
import { sendValidityReminders } from '@/lib/documents/reminders';
import { addDays, isoDay } from '@/lib/documents/validity';
import { deliverDueMail } from '@/lib/mail/deliver';
import { describeEachDatabase } from '../helpers/databases';
import { checkedSample, countRows, documentFields } from '../helpers/documents';
import { createStaff } from '../helpers/factories';
import { type TestMailServer, startTestMailServer } from '../helpers/mail-server/server';

describeEachDatabase('document validity reminders', (t) => {
  let alice: StaffActor;
  let mail: TestMailServer;
  const today = isoDay(new Date());
  const clock = manualClock(new Date(`${today}T10:00:00Z`));

  beforeAll(async () => {
    alice = await createStaff(t().admin, 'trust_admin');
    mail = await startTestMailServer();
  });
  afterAll(async () => {
    await mail?.close();
  });

  const create = async (title: string, validUntil: string | null) =>
    createDocument({ db: t().db, clock: systemClock, actor: alice }, documentFields({ title, validUntil }), await checkedSample(title));

  it('reminds the trust admins once of documents expiring within 30 days or expired, and again after a new date', async () => {
    const soon = await create('Insurance certificate', addDays(today, 20));
    await create('Expired report', addDays(today, -3));
    await create('Edge of the window', addDays(today, 30));
    await create('Far away', addDays(today, 31));
    await create('Never expires', null);

    const recipients = [alice.email, 'second-admin@vendor.example'];
    const reminded = await sendValidityReminders(t().db, clock, recipients);
    expect(reminded.map((d) => d.title)).toEqual(['Expired report', 'Insurance certificate', 'Edge of the window']);
    expect(await sendValidityReminders(t().db, clock, recipients)).toEqual([]);

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false, ignoreTLS: true });
    expect(await deliverDueMail(t().db, transport, 'Trust Center <no-reply@test.example>', systemClock)).toBe(2);
    const received = await mail.waitFor(alice.email, /3 documents expiring/);
    expect(received.text).toContain('Insurance certificate: valid until');
    expect(received.text).toContain('expires in 20 day(s)');
    expect(received.text).toContain('expired 3 day(s) ago');
    expect(received.text).toContain(`/admin/documents/${soon.id}`);
    expect(received.text).not.toContain('Far away');
    await mail.waitFor('second-admin@vendor.example', /3 documents expiring/);

    // A renewed date re-arms the reminder; an unchanged date does not.
    await updateDocument({ db: t().db, clock: systemClock, actor: alice }, soon.id, {
      title: 'Insurance certificate',
      category: 'Tests',
      description: '',
      visibility: 'public',
      validUntil: addDays(today, 20),
    });
    expect(await sendValidityReminders(t().db, clock, recipients)).toEqual([]);
    await updateDocument({ db: t().db, clock: systemClock, actor: alice }, soon.id, {
      title: 'Insurance certificate',
      category: 'Tests',
      description: '',
      visibility: 'public',
      validUntil: addDays(today, 25),
    });
    expect((await sendValidityReminders(t().db, clock, recipients)).map((d) => d.title)).toEqual(['Insurance certificate']);

    // Time passes: the document 31 days out comes due.
    clock.advance(86_400_000);
    expect((await sendValidityReminders(t().db, clock, recipients)).map((d) => d.title)).toEqual(['Far away']);
  });

  it('marks nothing when there is nobody to tell', async () => {
    const doc = await create('Nobody to tell', addDays(today, 5));
    expect(await sendValidityReminders(t().db, clock, [])).toEqual([]);
    expect(await countRows(t().admin, 'documents', 'id = $1 AND validity_reminded_at IS NULL', [doc.id])).toBe(1);
  });
});
