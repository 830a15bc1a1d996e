import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/core/actor';
import { manualClock, systemClock } from '@/lib/core/clock';
import { AppError } from '@/lib/core/errors';
import { deliverDueMail } from '@/lib/mail/deliver';
import { announceDrafts } from '@/lib/subprocessors/announce';
import { cancelChange } from '@/lib/subprocessors/cancel';
import { changeInput } from '@/lib/subprocessors/fields';
import { scheduleChange } from '@/lib/subprocessors/schedule';
import { confirmSubscription } from '@/lib/subscriptions/confirm';
import { listSubscribers } from '@/lib/subscriptions/list';
import { subscribe, subscribeInput } from '@/lib/subscriptions/subscribe';
import { unsubscribe } from '@/lib/subscriptions/unsubscribe';
import { describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';
import { startTestMailServer, type ReceivedMail, type TestMailServer } from '../helpers/mail-server/server';
import { ADD, TEST_LINK_KEYS } from '../helpers/subprocessors';

const keys = TEST_LINK_KEYS;
const FROM = 'Trust Center <no-reply@trust.test>';

function tokenIn(mail: ReceivedMail, path: string): string {
  const match = mail.text.match(new RegExp(`http://trust\\.test${path}\\?token=([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in "${mail.subject}":\n${mail.text}`);
  return match[1];
}

describeEachDatabase('subscriptions', (t) => {
  let smtp: TestMailServer;
  let transport: Transporter;
  let alice: StaffActor;
  const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
  let n = 0;
  const address = () => `reviewer-${++n}-${t().backend}@buyer.example`;

  /** Delivers the outbox through the real SMTP listener and returns what arrived for `to`. */
  async function inbox(to: string): Promise<ReceivedMail[]> {
    // The outbox stamps mail with the database's time, so it is due by the real clock.
    while ((await deliverDueMail(t().db, transport, FROM, systemClock)) > 0);
    return smtp.received.filter((m) => m.to.includes(to));
  }

  async function confirmedSubscriber(): Promise<{ email: string; unsubscribeToken: string }> {
    const email = address();
    await subscribe(t().db, clock, keys, { email });
    const [mail] = await inbox(email);
    await confirmSubscription(t().db, clock, tokenIn(mail, '/subscriptions/confirm'));
    return { email, unsubscribeToken: tokenIn(mail, '/subscriptions/unsubscribe') };
  }

  beforeAll(async () => {
    smtp = await startTestMailServer();
    transport = nodemailer.createTransport(smtp.smtpUrl);
    alice = await createStaff(t().admin, 'trust_admin');
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
  });
  beforeEach(() => {
    clock.advance(3_600_000);
  });

  it('double opt-in: a confirmation link by mail, and only confirming subscribes', async () => {
    const email = address();
    expect(await subscribe(t().db, clock, keys, subscribeInput.parse({ email: `  ${email.toUpperCase()} ` }))).toBeUndefined();
    const [mail] = await inbox(email);
    expect(mail.subject).toBe("Confirm your subscription to Trust Center's sub-processor changes");
    const admin = () => listSubscribers({ db: t().db, actor: alice }, { page: 1, pageSize: 100 });
    expect((await admin()).subscribers.find((s) => s.email === email)).toMatchObject({ status: 'pending', confirmedAt: null });

    const token = tokenIn(mail, '/subscriptions/confirm');
    expect(await confirmSubscription(t().db, clock, token)).toBe('confirmed');
    expect(await confirmSubscription(t().db, clock, token)).toBe('already_confirmed');
    expect((await admin()).subscribers.find((s) => s.email === email)).toMatchObject({ status: 'confirmed' });
    for (const bad of ['', 'x', 'A'.repeat(43), null, { token }]) {
      await expect(confirmSubscription(t().db, clock, bad)).rejects.toMatchObject({ code: 'invalid_link', status: 404 });
    }
  });

  it('a confirmation link expires after 7 days, and subscribing again sends a fresh one', async () => {
    const email = address();
    await subscribe(t().db, clock, keys, { email });
    const [first] = await inbox(email);
    clock.advance(7 * 86_400_000 + 1);
    await expect(confirmSubscription(t().db, clock, tokenIn(first, '/subscriptions/confirm'))).rejects.toMatchObject({ code: 'link_expired' });
    await subscribe(t().db, clock, keys, { email });
    const mails = await inbox(email);
    expect(mails).toHaveLength(2);
    await expect(confirmSubscription(t().db, clock, tokenIn(first, '/subscriptions/confirm'))).rejects.toMatchObject({ code: 'invalid_link' });
    expect(await confirmSubscription(t().db, clock, tokenIn(mails[1], '/subscriptions/confirm'))).toBe('confirmed');
  });

  it('answers the same whatever the address is, says the truth only to its inbox, and throttles the mail', async () => {
    const fresh = address();
    const { email: confirmed } = await confirmedSubscriber();
    const pending = address();
    await subscribe(t().db, clock, keys, { email: pending });
    const gone = address();
    await subscribe(t().db, clock, keys, { email: gone });
    await unsubscribe(t().db, clock, tokenIn((await inbox(gone))[0], '/subscriptions/unsubscribe'));
    clock.advance(11 * 60_000);

    for (const email of [fresh, confirmed, pending, gone]) expect(await subscribe(t().db, clock, keys, { email })).toBeUndefined();
    expect((await inbox(confirmed)).map((m) => m.subject)).toEqual([
      "Confirm your subscription to Trust Center's sub-processor changes",
      "You're already subscribed to Trust Center's sub-processor changes",
    ]);
    expect(await inbox(pending)).toHaveLength(2);
    expect((await inbox(gone)).at(-1)!.subject).toMatch(/^Confirm your subscription/);
    expect(await inbox(fresh)).toHaveLength(1);

    // Within ten minutes, asking again sends nothing more, to anyone.
    clock.advance(60_000);
    for (const email of [fresh, confirmed, pending, gone]) await subscribe(t().db, clock, keys, { email });
    expect((await inbox(fresh)).length + (await inbox(confirmed)).length + (await inbox(pending)).length + (await inbox(gone)).length).toBe(1 + 2 + 2 + 2);
  });

  it('announcing two changes together sends one mail per confirmed subscriber, none to pending or unsubscribed ones', async () => {
    const first = await confirmedSubscriber();
    const second = await confirmedSubscriber();
    const pending = address();
    await subscribe(t().db, clock, keys, { email: pending });
    const left = await confirmedSubscriber();
    await unsubscribe(t().db, clock, left.unsubscribeToken);
    const before = { pending: (await inbox(pending)).length, left: (await inbox(left.email)).length };

    const at = clock.now();
    const date = (days: number) => new Date(at.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    await scheduleChange({ db: t().db, clock, actor: alice }, changeInput.parse({ ...ADD, name: `Courier ${n}`, effectiveDate: date(20) }));
    await scheduleChange(
      { db: t().db, clock, actor: alice },
      changeInput.parse({ ...ADD, name: `Ledger ${n}`, processesCustomerRecords: true, locations: ['DE', 'IE'], effectiveDate: date(95) }),
    );
    const announcement = await announceDrafts({ db: t().db, clock, actor: alice }, keys);
    expect(announcement).toMatchObject({ changes: 2 });

    for (const s of [first, second]) {
      const mails = (await inbox(s.email)).filter((m) => /announced/.test(m.subject));
      expect(mails, s.email).toHaveLength(1);
      const [mail] = mails;
      expect(mail.subject).toBe('Trust Center: 2 sub-processor changes announced');
      expect(mail.text).toContain(`1. New sub-processor: Courier ${n}, effective`);
      expect(mail.text).toContain(`(${date(20)})`);
      expect(mail.text).toContain(`2. New sub-processor: Ledger ${n}, effective`);
      expect(mail.text).toContain(`(${date(95)})`);
      expect(mail.text).toContain('Locations: Germany, Ireland');
      expect(mail.text).toContain('Processes customer records: yes');
      expect(tokenIn(mail, '/subscriptions/unsubscribe')).toBe(s.unsubscribeToken);
    }
    expect(await inbox(pending)).toHaveLength(before.pending);
    expect(await inbox(left.email)).toHaveLength(before.left);
    expect(announcement.notified).toBeGreaterThanOrEqual(2);

    // Cancelling an announced change tells the same subscribers.
    const upcoming = await t().admin.transaction((q) => q.query<{ id: string }>(`SELECT id FROM subprocessor_changes WHERE name = $1`, [`Ledger ${n}`]));
    await cancelChange({ db: t().db, clock, actor: alice }, keys, upcoming[0].id);
    const cancelled = (await inbox(first.email)).filter((m) => /cancelled/.test(m.subject));
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].text).toContain(`New sub-processor: Ledger ${n}, which was to take effect on`);
    expect((await inbox(left.email)).filter((m) => /cancelled/.test(m.subject))).toHaveLength(0);
  });

  it('puts a working unsubscribe link in every mail; unsubscribing twice is fine', async () => {
    const { email } = await confirmedSubscriber();
    clock.advance(11 * 60_000);
    await subscribe(t().db, clock, keys, { email });
    await scheduleChange({ db: t().db, clock, actor: alice }, changeInput.parse({ ...ADD, name: `Notice ${n}`, effectiveDate: '2027-01-01' }));
    await announceDrafts({ db: t().db, clock, actor: alice }, keys);
    const mails = await inbox(email);
    expect(mails.map((m) => m.subject)).toEqual([
      "Confirm your subscription to Trust Center's sub-processor changes",
      "You're already subscribed to Trust Center's sub-processor changes",
      'Trust Center: 1 sub-processor change announced',
    ]);
    const tokens = new Set(mails.map((m) => tokenIn(m, '/subscriptions/unsubscribe')));
    expect(tokens.size).toBe(1);
    const [token] = tokens;
    // Mail clients get their own one-click unsubscribe (RFC 8058) with the same token.
    for (const m of mails) {
      expect(m.headerLines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(m.headerLines.find((h) => h.startsWith('List-Unsubscribe:'))).toContain(`/api/subscriptions/unsubscribe?token=${token}`);
    }
    await unsubscribe(t().db, clock, token);
    await unsubscribe(t().db, clock, token);
    const row = (await listSubscribers({ db: t().db, actor: alice }, { page: 1, pageSize: 100 })).subscribers.find((s) => s.email === email);
    expect(row).toMatchObject({ status: 'unsubscribed' });
    await expect(unsubscribe(t().db, clock, 'B'.repeat(43))).rejects.toBeInstanceOf(AppError);
  });

  it('refuses bad addresses with a clear message and stores nothing', async () => {
    for (const email of ['', 'not-an-address', 'a@b', `${'x'.repeat(250)}@example.org`]) {
      const result = subscribeInput.safeParse({ email });
      expect(result.success, email).toBe(false);
    }
    expect(subscribeInput.safeParse({ email: 'nobody' }).error!.issues[0].message).toBe('Enter a valid e-mail address');
    const before = (await listSubscribers({ db: t().db, actor: alice }, { page: 1, pageSize: 1 })).total;
    expect(subscribeInput.safeParse({}).success).toBe(false);
    expect((await listSubscribers({ db: t().db, actor: alice }, { page: 1, pageSize: 1 })).total).toBe(before);
  });
});
