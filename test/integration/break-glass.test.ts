import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/core/actor';
import { listHolders, setHolders } from '@/lib/break-glass/holders';
import { endBreakGlass, getSession, invokeBreakGlass, listSessions, reviewBreakGlass } from '@/lib/break-glass/sessions';
import { listEvents } from '@/lib/governance/list';
import { closeEnded } from '@/lib/lockbox/expire';
import { readTenantDataAsStaff, readTenantRecords, updateTenantRecord } from '@/lib/lockbox/tenant-data';
import { listNotifications, markAllRead } from '@/lib/notifications/inbox';
import { describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';
import {
  JUSTIFICATION,
  type LockboxWorld,
  MINUTE,
  adminRows,
  asAppRole,
  asCustomer,
  asStaff,
  clockNow,
  createLockboxWorld,
  designateHolders,
  eventKinds,
  mailKinds,
  notificationKinds,
  outcome,
  recordsInSql,
  refusal,
  tryInSql,
} from '../helpers/lockbox';

const REVIEW = 'Access was needed to restore the export job; reads were limited to the payroll record.';

// One database per backend, whose two break-glass slots hold grace and heidi.
describeEachDatabase('break-glass', (t) => {
  let grace: StaffActor;
  let heidi: StaffActor;
  /** Has the break-glass role but holds no slot. */
  let mallory: StaffActor;
  let w: LockboxWorld;
  let clock: ReturnType<typeof clockNow>;
  const ACME_TITLES = ['Acme contracts', 'Acme payroll'];

  beforeAll(async () => {
    [grace, heidi, mallory] = await Promise.all([
      createStaff(t().admin, 'break_glass'),
      createStaff(t().admin, 'break_glass'),
      createStaff(t().admin, 'break_glass'),
    ]);
    await designateHolders(t(), grace, heidi);
  });

  beforeEach(async () => {
    w = await createLockboxWorld(t().admin);
    clock = clockNow();
  });

  const invoke = (who: StaffActor, extra: Record<string, unknown> = {}) =>
    invokeBreakGlass({ db: t().db, clock, actor: who }, { tenant: w.acme.slug, justification: JUSTIFICATION, incident: 'INC-42', ...extra });

  /** `who`, writing SQL as trust_app, opens a session on acme in `invoker`'s name, bypassing the lib. */
  const insertSessionInSql = (who: StaffActor, invoker: StaffActor, minutes: number) =>
    tryInSql(
      t(),
      asStaff(who, w.acme),
      `insert into break_glass_sessions (tenant_id, invoked_by, justification, incident, duration_minutes, started_at, ends_at)
       values ('${w.acme.id}', '${invoker.userId}', '${JUSTIFICATION}', 'INC-1', ${minutes}, now(), now())`,
    );

  /** What a staff member reads of acme now, through the lib and in SQL at the clock's time. */
  const reads = async (who: StaffActor) => {
    const lib = (await readTenantRecords({ db: t().db, clock, actor: who }, w.acme.slug)).map((r) => r.title).sort();
    expect(await recordsInSql(t(), asStaff(who, w.acme), clock.now()), 'SQL agrees with the lib').toEqual(lib);
    return lib;
  };

  it('lets grace open emergency access to acme, read it, and tells carol in her console, her log and her mail', async () => {
    expect(await reads(grace)).toEqual([]);
    const session = await invoke(grace);
    expect(session).toMatchObject({ state: 'active', durationMinutes: 60, invoker: { id: grace.userId } });
    expect(session.endsAt.getTime() - session.startedAt.getTime()).toBe(60 * MINUTE);

    expect(await reads(grace)).toEqual(ACME_TITLES);
    const data = await readTenantDataAsStaff(t().db, clock, grace, w.acme.slug);
    expect(data.access).toMatchObject({ via: 'break_glass', id: session.id, mode: 'read_write' });
    // Every read during the session is logged (reads() once, readTenantDataAsStaff once).
    expect(await eventKinds(t(), { tenantId: w.acme.id })).toEqual([
      'support.break_glass_invoked',
      'support.break_glass_data_read',
      'support.break_glass_data_read',
    ]);
    // Only acme, only grace: not globex, not heidi, not bob.
    expect(await recordsInSql(t(), asStaff(grace, w.globex), clock.now())).toEqual([]);
    expect(await reads(heidi)).toEqual([]);
    expect(await reads(w.bob)).toEqual([]);

    // carol: the event in her tenant's log, read as herself under RLS...
    const events = await asAppRole(t(), asCustomer(w.carol), (q) =>
      q.query<{ kind: string; actor_id: string; subject: string }>(
        `select e.kind, a.user_id as actor_id, e.subject from governance_events e left join governance_actors a on a.id = e.actor_id order by e.seq`,
      ),
    );
    expect(events[0]).toEqual({ kind: 'support.break_glass_invoked', actor_id: grace.userId, subject: session.id });
    const log = await listEvents({ db: t().db, actor: w.carol }, { kindPrefixes: ['support.'] });
    expect(log.events.map((e) => e.kind).reverse()).toEqual(events.map((e) => e.kind));
    // ...the session in her console, her notification and her mail.
    expect((await listSessions({ db: t().db, clock, actor: w.carol })).sessions.map((s) => s.id)).toEqual([session.id]);
    const inbox = await listNotifications({ db: t().db, actor: w.carol });
    expect(inbox.items.map((n) => n.kind)).toEqual(['break_glass_invoked']);
    expect(inbox.unread).toBe(1);
    expect(await markAllRead({ db: t().db, clock, actor: w.carol })).toBe(1);
    expect((await listNotifications({ db: t().db, actor: w.carol })).unread).toBe(0);
    expect((await listNotifications({ db: t().db, actor: w.carol2 })).unread).toBe(1);
    for (const admin of [w.carol, w.carol2]) {
      expect(await notificationKinds(t(), admin.userId)).toEqual(['break_glass_invoked']);
      expect(await mailKinds(t(), admin.email)).toEqual(['break_glass_invoked']);
    }
    const [mail] = await adminRows<{ text_body: string }>(t(), 'select text_body from mail_outbox where to_address = $1', [w.carol.email]);
    expect(mail.text_body).toContain('INC-42');
    // Nobody outside acme's admins hears of it; the other holder is asked to review later.
    expect(await notificationKinds(t(), w.dan.userId)).toEqual([]);
    expect(await notificationKinds(t(), w.erin.userId)).toEqual([]);
    expect(await notificationKinds(t(), heidi.userId)).toContain('break_glass_review_needed');
    // A globex admin does not see acme's session.
    expect((await listSessions({ db: t().db, clock, actor: w.erin })).sessions).toEqual([]);
    // A second invocation while the first is open is refused.
    expect(await outcome(invoke(grace))).toBe('409 already_active');
  });

  it('refuses bob (support) and a break-glass user who holds no slot, in the lib and in SQL', async () => {
    expect(await outcome(invoke(w.bob))).toBe('403 forbidden');
    expect(await outcome(invoke(mallory))).toBe('403 forbidden');
    for (const who of [w.bob, mallory]) {
      const forged = await insertSessionInSql(who, who, 60);
      expect(forged).toEqual({ code: '42501' });
    }
    // A holder cannot open one in another holder's name.
    expect(await insertSessionInSql(heidi, grace, 60)).toEqual({ code: '42501' });
    expect(await adminRows(t(), 'select 1 from break_glass_sessions where tenant_id = $1', [w.acme.id])).toEqual([]);
    expect(await eventKinds(t(), { tenantId: w.acme.id })).toEqual([]);
    expect(await notificationKinds(t(), w.carol.userId)).toEqual([]);
    expect(await reads(mallory)).toEqual([]);
  });

  it('ends a session by itself at its limit, and refuses one longer than an hour', async () => {
    expect(await outcome(invoke(grace, { durationMinutes: 61 }))).toBe('400 invalid_duration_minutes');
    expect(await outcome(invoke(grace, { durationMinutes: 4 }))).toBe('400 invalid_duration_minutes');
    expect(await outcome(invoke(grace, { justification: 'too short' }))).toBe('400 invalid_justification');
    expect(await outcome(invoke(grace, { tenant: 'no-such-tenant' }))).toBe('404 not_found');
    expect(await adminRows(t(), 'select 1 from break_glass_sessions where tenant_id = $1', [w.acme.id])).toEqual([]);
    // The database holds the same limit, even for a holder writing SQL.
    expect(await insertSessionInSql(grace, grace, 61)).toEqual({ code: '23514' });

    const session = await invoke(grace);
    clock.advance(59 * MINUTE);
    expect(await reads(grace)).toEqual(ACME_TITLES);
    clock.advance(2 * MINUTE);
    expect(await reads(grace)).toEqual([]);
    expect((await readTenantDataAsStaff(t().db, clock, grace, w.acme.slug)).access).toBeNull();
    expect((await getSession(t().db, clock, grace, session.id)).state).toBe('ended');
    // And no writes either.
    expect(await outcome(updateTenantRecord({ db: t().db, clock, actor: grace }, w.acme.slug, w.records[0], { title: 'x', body: 'y' }))).toBe('403 forbidden');

    // The sweeper records the end once, and asks the other holder for the review.
    await closeEnded(t().db, clock);
    await closeEnded(t().db, clock);
    expect(await eventKinds(t(), { subject: session.id })).toEqual([
      'support.break_glass_invoked',
      'support.break_glass_data_read',
      'support.break_glass_ended',
    ]);
    expect((await notificationKinds(t(), heidi.userId)).filter((k) => k === 'break_glass_review_needed').length).toBeGreaterThanOrEqual(2);
  });

  it('lets the invoker end a session early, and nobody else', async () => {
    const session = await invoke(grace);
    expect(await outcome(endBreakGlass({ db: t().db, clock, actor: heidi }, session.id))).toBe('403 forbidden');
    expect(
      await tryInSql(
        t(),
        asStaff(heidi, w.acme),
        `update break_glass_sessions set ended_by = '${grace.userId}', ended_at = now() where id = '${session.id}' returning id`,
      ),
    ).toEqual({ code: '23514' });
    expect(await reads(grace)).toEqual(ACME_TITLES);
    const ended = await endBreakGlass({ db: t().db, clock, actor: grace }, session.id);
    expect(ended.state).toBe('ended');
    expect(await reads(grace)).toEqual([]);
    expect(await outcome(endBreakGlass({ db: t().db, clock, actor: grace }, session.id))).toBe('409 illegal_transition');
    expect(await eventKinds(t(), { subject: session.id })).toEqual([
      'support.break_glass_invoked',
      'support.break_glass_data_read',
      'support.break_glass_ended',
    ]);
    // The sweeper finds nothing left to close: no second end event.
    await closeEnded(t().db, clock);
    expect(await eventKinds(t(), { subject: session.id, kind: 'support.break_glass_ended' })).toHaveLength(1);
  });

  it('lets a holder correct a record during a session', async () => {
    await invoke(grace);
    const row = await updateTenantRecord({ db: t().db, clock, actor: grace }, w.acme.slug, w.records[0], { title: 'Restored payroll', body: 'restored' });
    expect(row.title).toBe('Restored payroll');
  });

  it('ends access when the holder loses the slot or the role, session or not', async () => {
    await invoke(grace);
    expect(await reads(grace)).toEqual(ACME_TITLES);
    try {
      await designateHolders(t(), heidi);
      expect(await reads(grace)).toEqual([]);
      await designateHolders(t(), grace, heidi);
      expect(await reads(grace)).toEqual(ACME_TITLES);
      await adminRows(t(), `update users set role = 'support' where id = $1`, [grace.userId]);
      expect(await recordsInSql(t(), asStaff(grace, w.acme), clock.now())).toEqual([]);
    } finally {
      await adminRows(t(), `update users set role = 'break_glass' where id = $1`, [grace.userId]);
      await designateHolders(t(), grace, heidi);
    }
  });

  it('is reviewed once, after it ends, by the holder who did not invoke it', async () => {
    const session = await invoke(grace);
    // Not while active, in the lib or in SQL.
    expect(await outcome(reviewBreakGlass({ db: t().db, clock, actor: heidi }, session.id, { review: REVIEW }))).toBe('409 illegal_transition');
    const review = (by: StaffActor) =>
      `update break_glass_sessions set review = '${REVIEW}', reviewed_by = '${by.userId}', reviewed_at = now() where id = '${session.id}' returning id`;
    expect(await tryInSql(t(), asStaff(heidi, w.acme), review(heidi), clock.now())).toEqual({ code: '23514' });
    clock.advance(61 * MINUTE);
    // Not by the invoker, nor by someone who is not a holder.
    const own = await refusal(reviewBreakGlass({ db: t().db, clock, actor: grace }, session.id, { review: REVIEW }));
    expect(own).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await outcome(reviewBreakGlass({ db: t().db, clock, actor: mallory }, session.id, { review: REVIEW }))).toBe('404 not_found');
    expect(await outcome(reviewBreakGlass({ db: t().db, clock, actor: heidi }, session.id, { review: 'too short' }))).toBe('400 invalid_review');
    // The database refuses the invoker's own review in SQL too.
    expect(await tryInSql(t(), asStaff(grace, w.acme), review(grace), clock.now())).toEqual({ code: '23514' });

    const open = await listSessions({ db: t().db, clock, actor: heidi }, { openReviews: true });
    expect(open.sessions.map((s) => s.id)).toContain(session.id);

    const reviewed = await reviewBreakGlass({ db: t().db, clock, actor: heidi }, session.id, { review: REVIEW });
    expect(reviewed.review).toMatchObject({ text: REVIEW });
    expect((await listSessions({ db: t().db, clock, actor: heidi }, { openReviews: true })).sessions.map((s) => s.id)).not.toContain(session.id);
    expect(await outcome(reviewBreakGlass({ db: t().db, clock, actor: heidi }, session.id, { review: REVIEW }))).toBe('409 illegal_transition');
    // Nor overwritten in SQL.
    expect(
      await tryInSql(
        t(),
        asStaff(heidi, w.acme),
        `update break_glass_sessions set review = 'Rewritten afterwards, hiding what happened.' where id = '${session.id}' returning id`,
        clock.now(),
      ),
    ).toEqual({ code: '23514' });
    const events = await eventKinds(t(), { subject: session.id });
    expect(events.filter((k) => k === 'support.break_glass_reviewed')).toHaveLength(1);
    expect(events[0]).toBe('support.break_glass_invoked');
  });

  it('has its holders designated by trust admins only: at most two active break-glass staff, recorded in the vendor log', async () => {
    const admin = await createStaff(t().admin, 'trust_admin');
    try {
      expect(await outcome(setHolders({ db: t().db, actor: grace }, { emails: [heidi.email] }))).toBe('403 forbidden');
      expect(await outcome(setHolders({ db: t().db, actor: admin }, { emails: [grace.email, heidi.email, mallory.email] }))).toBe('400 invalid_emails');
      expect(await outcome(setHolders({ db: t().db, actor: admin }, { emails: [w.bob.email] }))).toBe('400 invalid_emails');
      expect(await outcome(setHolders({ db: t().db, actor: admin }, { emails: [grace.email, grace.email] }))).toBe('400 invalid_emails');
      // A holder cannot make someone else a holder in SQL.
      expect(await tryInSql(t(), asStaff(grace, w.acme), `delete from break_glass_holders where user_id = '${heidi.userId}'`)).toEqual({ rows: 0 });
      expect(
        await tryInSql(
          t(),
          asStaff(grace, w.acme),
          `update break_glass_holders set user_id = '${mallory.userId}' where user_id = '${heidi.userId}' returning slot`,
        ),
      ).toEqual({ rows: 0 });
      expect((await listHolders({ db: t().db, actor: grace })).map((h) => h.userId)).toEqual([grace.userId, heidi.userId]);

      const holders = await setHolders({ db: t().db, actor: admin }, { emails: [heidi.email, mallory.email] });
      expect(holders.map((h) => [h.slot, h.userId, h.active])).toEqual([
        [1, heidi.userId, true],
        [2, mallory.userId, true],
      ]);
      expect(await outcome(invoke(grace))).toBe('403 forbidden');
      expect(await eventKinds(t(), { kind: 'support.break_glass_holders_changed' })).toHaveLength(1);
      const [event] = await adminRows<{ tenant_id: string | null; actor_id: string }>(
        t(),
        `select e.tenant_id, a.user_id as actor_id from governance_events e left join governance_actors a on a.id = e.actor_id where e.kind = 'support.break_glass_holders_changed'`,
      );
      expect(event).toEqual({ tenant_id: null, actor_id: admin.userId });
    } finally {
      await designateHolders(t(), grace, heidi);
    }
  });
});
