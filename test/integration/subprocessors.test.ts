import { sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subprocessorChanges, subprocessors, subscribers } from '@/drizzle/schema';
import { ANONYMOUS, type StaffActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';
import { announceDrafts } from '@/lib/subprocessors/announce';
import { cancelChange } from '@/lib/subprocessors/cancel';
import { DAY_MS } from '@/lib/subprocessors/dates';
import { changeInput } from '@/lib/subprocessors/fields';
import { NoticeTooShortError } from '@/lib/subprocessors/notice';
import { publicSubprocessorsAt, readAdminSubprocessors, readPublicTimeline } from '@/lib/subprocessors/read';
import { scheduleChange } from '@/lib/subprocessors/schedule';
import { listSubscribers } from '@/lib/subscriptions/list';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';
import { ADD, TEST_LINK_KEYS } from '../helpers/subprocessors';

const keys = TEST_LINK_KEYS;

const input = (over: Record<string, unknown>) => changeInput.parse({ ...ADD, ...over });

/** The refusal a promise ends with, for asserting its code and message. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

describeEachDatabase('sub-processors', (t) => {
  let alice: StaffActor;
  let bob: StaffActor;

  const counts = async () => {
    const [row] = await t().admin.transaction((q) =>
      q.query<{ subprocessors: number; changes: number; announcements: number; mail: number }>(
        `SELECT (SELECT count(*)::int FROM subprocessors) AS subprocessors, (SELECT count(*)::int FROM subprocessor_changes) AS changes,
                (SELECT count(*)::int FROM subprocessor_announcements) AS announcements, (SELECT count(*)::int FROM mail_outbox) AS mail`,
      ),
    );
    return row;
  };

  beforeAll(async () => {
    alice = await createStaff(t().admin, 'trust_admin');
    bob = await createStaff(t().admin, 'support');
  });

  beforeEach(async () => {
    await t().admin.transaction((q) =>
      q.exec(
        'DELETE FROM subprocessor_changes; DELETE FROM subprocessor_announcements; DELETE FROM subprocessors; DELETE FROM subscribers; DELETE FROM mail_outbox;',
      ),
    );
  });

  describe('the notice rule', () => {
    it('allows exactly 14 days for a new sub-processor and refuses one day less, naming the earliest date', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      const error = await refusal(scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-14' })));
      expect(error).toBeInstanceOf(NoticeTooShortError);
      expect(error).toMatchObject({ code: 'notice_too_short', status: 422, earliestDate: '2026-01-15', days: 14 });
      expect(error.message).toBe("Acme Mail is a new sub-processor, so it needs 14 days' notice: the earliest effective date is 2026-01-15.");
      expect(await counts()).toMatchObject({ subprocessors: 0, changes: 0 });

      const ok = await scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-15' }));
      expect(ok).toMatchObject({ kind: 'add', slug: 'acme-mail', effectiveDate: '2026-01-15', noticeDays: 14 });
    });

    it('allows exactly 90 days when it processes customer records and refuses one day less', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      const records = { processesCustomerRecords: true };
      const error = await refusal(scheduleChange({ db: t().db, clock, actor: alice }, input({ ...records, effectiveDate: '2026-03-31' })));
      expect(error.message).toBe("Acme Mail processes customer records, so it needs 90 days' notice: the earliest effective date is 2026-04-01.");
      expect(await scheduleChange({ db: t().db, clock, actor: alice }, input({ ...records, effectiveDate: '2026-04-01' }))).toMatchObject({ noticeDays: 90 });
    });

    it('counts whole days from the moment of scheduling: at 09:00 the 14th day is already too early', async () => {
      const clock = manualClock(new Date('2026-01-01T09:00:00Z'));
      const error = await refusal(scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-15' })));
      expect(error.message).toContain('the earliest effective date is 2026-01-16');
      await scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-16' }));
    });

    it('asks the same notice of updates that widen processing, and none of other updates and removals', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      await scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-15' }));
      await announceDrafts({ db: t().db, clock, actor: alice }, keys);
      clock.advance(20 * DAY_MS); // 2026-01-21: Acme Mail is current
      const update = (over: Record<string, unknown>) => input({ kind: 'update', subprocessor: 'acme-mail', ...over });

      const newLocation = await refusal(scheduleChange({ db: t().db, clock, actor: alice }, update({ locations: ['US', 'DE'], effectiveDate: '2026-02-03' })));
      expect(newLocation.message).toBe(
        "This change widens what Acme Mail does (new location DE), so it needs 14 days' notice: the earliest effective date is 2026-02-04.",
      );
      const newCategory = await refusal(
        scheduleChange({ db: t().db, clock, actor: alice }, update({ dataCategories: ['Contact details', 'Usage data'], effectiveDate: '2026-01-21' })),
      );
      expect(newCategory.message).toContain('new data category Usage data');
      const records = await refusal(
        scheduleChange({ db: t().db, clock, actor: alice }, update({ processesCustomerRecords: true, effectiveDate: '2026-04-20' })),
      );
      expect(records.message).toBe(
        "This change widens what Acme Mail does (starts processing customer records) and it processes customer records, so it needs 90 days' notice: the earliest effective date is 2026-04-21.",
      );
      expect(await scheduleChange({ db: t().db, clock, actor: alice }, update({ processesCustomerRecords: true, effectiveDate: '2026-04-21' }))).toMatchObject({
        noticeDays: 90,
      });
      // Narrowing and rewording take effect from today; the past is refused.
      expect(
        await scheduleChange({ db: t().db, clock, actor: alice }, update({ purpose: 'Transactional and billing e-mail', effectiveDate: '2026-01-21' })),
      ).toMatchObject({ noticeDays: 0 });
      const past = await refusal(scheduleChange({ db: t().db, clock, actor: alice }, update({ purpose: 'Other', effectiveDate: '2026-01-20' })));
      expect(past.message).toBe('The effective date cannot be in the past: the earliest effective date is 2026-01-21.');
      expect(
        await scheduleChange(
          { db: t().db, clock, actor: alice },
          input({ kind: 'remove', subprocessor: 'acme-mail', reason: 'Moved to another provider', effectiveDate: '2026-05-01' }),
        ),
      ).toMatchObject({
        kind: 'remove',
        noticeDays: 0,
      });
    });

    it('checks again when announcing, against the announcement time, and then changes nothing', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      await scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-15' }));
      await scheduleChange({ db: t().db, clock, actor: alice }, input({ name: 'Beta Logs', effectiveDate: '2026-03-01' }));
      clock.advance(DAY_MS);
      const error = await refusal(announceDrafts({ db: t().db, clock, actor: alice }, keys));
      expect(error.code).toBe('notice_too_short');
      expect(error.message).toBe(
        "New sub-processor: Acme Mail: Acme Mail is a new sub-processor, so it needs 14 days' notice: the earliest effective date is 2026-01-16.",
      );
      expect(await counts()).toMatchObject({ changes: 2, announcements: 0, mail: 0 });
      const admin = await readAdminSubprocessors({ db: t().db, clock, actor: alice });
      expect(admin.drafts.map((d) => [d.name, d.onTime, d.earliestDate])).toEqual([
        ['Acme Mail', false, '2026-01-16'],
        ['Beta Logs', true, '2026-01-16'],
      ]);
    });
  });

  describe('current and upcoming lists', () => {
    it('shows an announced change as upcoming until its effective time, then as current, with nothing to run', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      await scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-16' }));
      const draftOnly = publicSubprocessorsAt(await readPublicTimeline(t().db), clock.now());
      expect(draftOnly).toEqual({ current: [], upcoming: [], updatedAt: null });

      clock.advance(3_600_000);
      const announced = await announceDrafts({ db: t().db, clock, actor: alice }, keys);
      expect(announced).toMatchObject({ changes: 1, notified: 0, announcedAt: '2026-01-01T01:00:00.000Z' });
      const timeline = await readPublicTimeline(t().db);
      const before = publicSubprocessorsAt(timeline, clock.now());
      expect(before.current).toEqual([]);
      expect(before.upcoming).toHaveLength(1);
      expect(before.upcoming[0]).toMatchObject({ kind: 'add', name: 'Acme Mail', effectiveAt: '2026-01-16T00:00:00.000Z', before: null });
      expect(before.updatedAt).toBe('2026-01-01T01:00:00.000Z');

      const justBefore = publicSubprocessorsAt(timeline, new Date('2026-01-15T23:59:59.999Z'));
      expect(justBefore.current).toEqual([]);
      const at = publicSubprocessorsAt(timeline, new Date('2026-01-16T00:00:00Z'));
      expect(at.upcoming).toEqual([]);
      expect(at.current).toEqual([expect.objectContaining({ slug: 'acme-mail', name: 'Acme Mail', locations: ['US'], since: '2026-01-16T00:00:00.000Z' })]);
      expect(at.updatedAt).toBe('2026-01-16T00:00:00.000Z');

      // An update and a removal follow, each taking effect in turn.
      clock.advance(20 * DAY_MS);
      await scheduleChange(
        { db: t().db, clock, actor: alice },
        input({ kind: 'update', subprocessor: 'acme-mail', purpose: 'Billing e-mail', effectiveDate: '2026-01-25' }),
      );
      await scheduleChange(
        { db: t().db, clock, actor: alice },
        input({ kind: 'remove', subprocessor: 'acme-mail', reason: 'Replaced', effectiveDate: '2026-03-01' }),
      );
      await announceDrafts({ db: t().db, clock, actor: alice }, keys);
      const later = await readPublicTimeline(t().db);
      const between = publicSubprocessorsAt(later, new Date('2026-02-01T00:00:00Z'));
      expect(between.current[0]).toMatchObject({ purpose: 'Billing e-mail' });
      expect(between.upcoming).toEqual([expect.objectContaining({ kind: 'remove', differences: ['Acme Mail will no longer process data for us.'] })]);
      expect(publicSubprocessorsAt(later, new Date('2026-03-01T00:00:00Z')).current).toEqual([]);
    });

    it('cancels drafts and announced changes not yet in effect, but not those in effect or built upon', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      const add = await scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-15' }));
      const update = await scheduleChange(
        { db: t().db, clock, actor: alice },
        input({ kind: 'update', subprocessor: 'acme-mail', purpose: 'Billing e-mail', effectiveDate: '2026-02-01' }),
      );
      expect((await refusal(cancelChange({ db: t().db, clock, actor: alice }, keys, add.id))).code).toBe('later_changes');
      expect(await cancelChange({ db: t().db, clock, actor: alice }, keys, update.id)).toEqual({ announced: false, notified: 0 });
      expect((await refusal(cancelChange({ db: t().db, clock, actor: alice }, keys, update.id))).code).toBe('already_cancelled');
      await announceDrafts({ db: t().db, clock, actor: alice }, keys);
      expect((await readAdminSubprocessors({ db: t().db, clock, actor: alice })).upcoming.map((u) => u.id)).toEqual([add.id]);

      clock.advance(14 * DAY_MS);
      expect((await refusal(cancelChange({ db: t().db, clock, actor: alice }, keys, add.id))).code).toBe('already_effective');
      expect((await refusal(cancelChange({ db: t().db, clock, actor: alice }, keys, 'not-a-uuid'))).status).toBe(404);

      const beta = await scheduleChange({ db: t().db, clock, actor: alice }, input({ name: 'Beta Logs', effectiveDate: '2026-02-01' }));
      await announceDrafts({ db: t().db, clock, actor: alice }, keys);
      expect(await cancelChange({ db: t().db, clock, actor: alice }, keys, beta.id)).toEqual({ announced: true, notified: 0 });
      const view = publicSubprocessorsAt(await readPublicTimeline(t().db), clock.now());
      expect(view.upcoming).toEqual([]);
      expect(view.updatedAt).toBe('2026-01-15T00:00:00.000Z');
    });
  });

  describe('bad input', () => {
    it('refuses invalid fields with a clear message', () => {
      const issues = (over: Record<string, unknown>) => {
        const result = changeInput.safeParse({ ...ADD, ...over });
        expect(result.success, JSON.stringify(over)).toBe(false);
        return result.error!.issues.map((i) => i.message).join('; ');
      };
      expect(issues({ locations: ['US', 'XX'] })).toContain('“XX” is not an ISO 3166-1 alpha-2 country code');
      expect(issues({ locations: 'UK' })).toContain('“UK” is not an ISO 3166-1');
      expect(issues({ locations: [] })).toBe('Give at least one location');
      expect(issues({ website: 'ftp://files.example' })).toBe('Enter the website as a full http:// or https:// address');
      expect(issues({ website: 'javascript:alert(1)' })).toBe('Enter the website as a full http:// or https:// address');
      expect(issues({ name: '  ' })).toBe('Enter the name');
      expect(issues({ effectiveDate: '2026-02-30' })).toBe('Enter a real calendar date between 2000 and 2099');
      expect(issues({ effectiveDate: '15/01/2026' })).toBe('Enter the effective date as YYYY-MM-DD');
      expect(issues({ processesCustomerRecords: 'maybe' })).toContain('Say whether it processes customer records');
      expect(issues({ kind: 'rename' })).toBeTruthy();
      expect(changeInput.parse({ ...ADD, locations: 'de, ie,DE', dataCategories: 'Names\nE-mail, names' })).toMatchObject({
        locations: ['DE', 'IE'],
        dataCategories: ['Names', 'E-mail'],
      });
    });

    it('refuses changes that do not fit the sub-processor, changing nothing', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      expect(
        (await refusal(scheduleChange({ db: t().db, clock, actor: alice }, input({ kind: 'update', subprocessor: 'nobody', effectiveDate: '2026-01-01' }))))
          .status,
      ).toBe(404);
      await scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-15' }));
      const before = await counts();
      expect((await refusal(scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-02-15' })))).code).toBe('subprocessor_exists');
      expect(
        (await refusal(scheduleChange({ db: t().db, clock, actor: alice }, input({ kind: 'remove', subprocessor: 'acme-mail', effectiveDate: '2026-01-10' }))))
          .code,
      ).toBe('not_a_subprocessor');
      expect(
        (await refusal(scheduleChange({ db: t().db, clock, actor: alice }, input({ kind: 'update', subprocessor: 'acme-mail', effectiveDate: '2026-01-20' }))))
          .code,
      ).toBe('no_change');
      expect(await counts()).toEqual(before);
      await announceDrafts({ db: t().db, clock, actor: alice }, keys);
      expect((await refusal(announceDrafts({ db: t().db, clock, actor: alice }, keys))).code).toBe('nothing_to_announce');
    });
  });

  describe('who may do it', () => {
    it('refuses support staff, customer members and anonymous callers in the data functions', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      const tenant = await createTenant(t().admin);
      const dan = await createCustomer(t().admin, tenant, 'customer_member');
      const carol = await createCustomer(t().admin, tenant, 'customer_admin');
      for (const actor of [bob, dan, carol, ANONYMOUS]) {
        for (const attempt of [
          scheduleChange({ db: t().db, clock, actor }, input({})),
          announceDrafts({ db: t().db, clock, actor }, keys),
          cancelChange({ db: t().db, clock, actor }, keys, '00000000-0000-4000-8000-000000000000'),
          readAdminSubprocessors({ db: t().db, clock, actor }),
          listSubscribers({ db: t().db, actor }, { page: 1, pageSize: 10 }),
        ]) {
          expect(await refusal(attempt), actor.kind).toMatchObject({ code: 'forbidden', status: 403 });
        }
      }
      expect(await counts()).toMatchObject({ subprocessors: 0, changes: 0 });
    });

    it('refuses a direct write by support staff in the database itself, and hides drafts and subscribers', async () => {
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      const draft = await scheduleChange({ db: t().db, clock, actor: alice }, input({ effectiveDate: '2026-01-15' }));
      await t().admin.transaction((q) => q.query(`INSERT INTO subscribers (email, unsubscribe_token_hash) VALUES ('x@example.org', $1)`, ['a'.repeat(64)]));

      const insert = await withActor(t().appRoleDb, bob, (tx) => tx.insert(subprocessors).values({ slug: 'sneaky' })).then(
        () => null,
        (e: unknown) => e,
      );
      expect(pgErrorCode(insert)).toBe('42501');
      const updated = await withActor(t().appRoleDb, bob, (tx) =>
        tx
          .update(subprocessorChanges)
          .set({ effectiveAt: new Date('2025-01-01') })
          .where(sql`true`)
          .returning({ id: subprocessorChanges.id }),
      );
      expect(updated).toEqual([]);
      for (const actor of [bob, ANONYMOUS]) {
        expect(await withActor(t().appRoleDb, actor, (tx) => tx.select().from(subscribers))).toEqual([]);
        expect(await withActor(t().appRoleDb, actor, (tx) => tx.select().from(subprocessorChanges))).toEqual([]);
      }
      const [row] = await t().admin.transaction((q) =>
        q.query<{ effective_at: Date }>('SELECT effective_at FROM subprocessor_changes WHERE id = $1', [draft.id]),
      );
      expect(new Date(row.effective_at).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    });
  });
});
