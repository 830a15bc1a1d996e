import { beforeEach, describe, expect, it } from 'vitest';
import { approveRequest, denyRequest, revokeGrant } from '@/lib/lockbox/decisions';
import { closeEnded } from '@/lib/lockbox/expire';
import { fileRequest, getRequest, listRequests } from '@/lib/lockbox/requests';
import { updateLockboxSettings } from '@/lib/lockbox/settings';
import { readTenantDataAsStaff, readTenantRecords, updateTenantRecord } from '@/lib/lockbox/tenant-data';
import { listNotifications } from '@/lib/notifications/inbox';
import { describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';
import {
  HOUR,
  type LockboxWorld,
  MINUTE,
  adminRows,
  asAppRole,
  asCustomer,
  asStaff,
  clockNow,
  createLockboxWorld,
  eventKinds,
  mailKinds,
  notificationKinds,
  outcome,
  recordsInSql,
  refusal,
  requestBody,
  requestStatus,
  tryInSql,
} from '../helpers/lockbox';

describeEachDatabase('customer lockbox', (t) => {
  let w: LockboxWorld;
  let clock: ReturnType<typeof clockNow>;
  const ACME_TITLES = ['Acme contracts', 'Acme payroll'];

  beforeEach(async () => {
    w = await createLockboxWorld(t().admin);
    clock = clockNow();
  });

  /** bob's view of acme now: through the lib, and in SQL at the clock's time. */
  const bobReads = async () => {
    const lib = (await readTenantRecords({ db: t().db, clock, actor: w.bob }, w.acme.slug)).map((r) => r.title).sort();
    const inSql = await recordsInSql(t(), asStaff(w.bob, w.acme), clock.now());
    expect(inSql, 'SQL agrees with the lib').toEqual(lib);
    return lib;
  };

  const file = (extra: Record<string, unknown> = {}) => fileRequest({ db: t().db, clock, actor: w.bob }, requestBody(w.acme, extra));

  describe('access follows the grant', () => {
    it('shows bob none of acme without a grant, through the lib and in SQL as trust_app', async () => {
      const data = await readTenantDataAsStaff(t().db, clock, w.bob, w.acme.slug);
      expect(data.access).toBeNull();
      expect(data.records).toEqual([]);
      expect(await bobReads()).toEqual([]);
      // Not even with the tenant setting pointed elsewhere, nor without a tenant.
      expect(await recordsInSql(t(), asStaff(w.bob, w.globex))).toEqual([]);
      // A pending request grants nothing either.
      await file();
      expect(await bobReads()).toEqual([]);
      // The records really are there: acme's own admin reads them.
      expect((await readTenantRecords({ db: t().db, clock, actor: w.carol }, w.acme.slug)).map((r) => r.title).sort()).toEqual(ACME_TITLES);
    });

    it('lets bob read once carol approves, then no more once the duration passes', async () => {
      const request = await file({ durationMinutes: 30 });
      const approved = await approveRequest({ db: t().db, clock, actor: w.carol }, request.id, { comment: 'go ahead' });
      expect(approved).toMatchObject({ status: 'approved', state: 'active', decidedBy: w.carol.userId });
      expect(approved.grantEndsAt!.getTime() - approved.grantStartsAt!.getTime()).toBe(30 * MINUTE);

      expect(await bobReads()).toEqual(ACME_TITLES);
      const data = await readTenantDataAsStaff(t().db, clock, w.bob, w.acme.slug);
      expect(data.access).toMatchObject({ via: 'lockbox', id: request.id, mode: 'read' });
      // Only acme: the grant does not reach globex, even with the tenant setting changed.
      expect(await recordsInSql(t(), asStaff(w.bob, w.globex), clock.now())).toEqual([]);
      // Nor another support engineer.
      const eve = await createStaff(t().admin, 'support');
      expect(await recordsInSql(t(), asStaff(eve, w.acme), clock.now())).toEqual([]);
      // Each read that returned data is in acme's log.
      expect(await eventKinds(t(), { tenantId: w.acme.id, subject: request.id, kind: 'support.tenant_data_read' })).toHaveLength(2);

      clock.advance(29 * MINUTE);
      expect(await bobReads()).toEqual(ACME_TITLES);
      clock.advance(1 * MINUTE + 1000);
      expect(await bobReads()).toEqual([]);
      expect((await readTenantDataAsStaff(t().db, clock, w.bob, w.acme.slug)).access).toBeNull();
      expect((await getRequest({ db: t().db, clock, actor: w.carol }, request.id)).state).toBe('expired');
    });

    it('closes access at once when carol revokes, and tells bob', async () => {
      const request = await file();
      await approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {});
      expect(await bobReads()).toEqual(ACME_TITLES);
      const revoked = await revokeGrant({ db: t().db, clock, actor: w.carol }, request.id, { comment: 'done' });
      expect(revoked).toMatchObject({ status: 'revoked', state: 'revoked' });
      expect(revoked.revokedAt).not.toBeNull();
      expect(await bobReads()).toEqual([]);
      expect(await notificationKinds(t(), w.bob.userId)).toContain('lockbox_revoked');
      expect(await mailKinds(t(), w.bob.email)).toContain('lockbox_revoked');
      // Revoked once is revoked: a second revocation is an illegal transition.
      expect(await outcome(revokeGrant({ db: t().db, clock, actor: w.carol }, request.id, {}))).toBe('409 illegal_transition');
    });

    it('grants nothing on a denied request', async () => {
      const request = await file();
      expect(await denyRequest({ db: t().db, clock, actor: w.carol }, request.id, { comment: 'not now' })).toMatchObject({ status: 'denied' });
      expect(await bobReads()).toEqual([]);
      expect(await notificationKinds(t(), w.bob.userId)).toEqual(['lockbox_denied']);
      expect(await mailKinds(t(), w.bob.email)).toEqual(['lockbox_denied']);
    });

    it('grants nothing on a request left unanswered past its expiry, and refuses to approve it with a 409', async () => {
      const request = await file();
      expect(request.expiresAt.getTime() - request.createdAt.getTime()).toBe(12 * HOUR);
      clock.advance(12 * HOUR + MINUTE);
      const error = await refusal(approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {}));
      expect(error).toMatchObject({ status: 409, code: 'illegal_transition' });
      expect(error.message).toMatch(/expired unanswered/);
      expect(await outcome(denyRequest({ db: t().db, clock, actor: w.carol }, request.id, {}))).toBe('409 illegal_transition');
      expect(await requestStatus(t(), request.id)).toBe('pending');
      expect(await adminRows(t(), 'select 1 from lockbox_approvals where request_id = $1', [request.id])).toEqual([]);
      expect(await bobReads()).toEqual([]);
      // The database refuses the same approval made in SQL at the clock's time.
      const forged = await tryInSql(
        t(),
        asCustomer(w.carol),
        `update lockbox_requests set status = 'approved', decided_by = '${w.carol.userId}' where id = '${request.id}' returning id`,
        clock.now(),
      );
      expect(forged).toEqual({ code: '23514' });
      // Nor a denial, nor an approval row, written in SQL after the expiry.
      const deny = `update lockbox_requests set status = 'denied', decided_by = '${w.carol.userId}' where id = '${request.id}' returning id`;
      expect(await tryInSql(t(), asCustomer(w.carol), deny, clock.now())).toEqual({ code: '23514' });
      const approval = `insert into lockbox_approvals (request_id, tenant_id, approver_id) values ('${request.id}', '${w.acme.id}', '${w.carol.userId}')`;
      expect(await tryInSql(t(), asCustomer(w.carol), approval, clock.now())).toEqual({ code: '23514' });
      expect(await requestStatus(t(), request.id)).toBe('pending');
    });

    it('ends a grant when bob loses the support role or is suspended', async () => {
      const request = await file();
      await approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {});
      expect(await bobReads()).toEqual(ACME_TITLES);
      await adminRows(t(), `update users set role = 'trust_admin' where id = $1`, [w.bob.userId]);
      expect(await recordsInSql(t(), asStaff(w.bob, w.acme), clock.now())).toEqual([]);
      await adminRows(t(), `update users set role = 'support', status = 'suspended' where id = $1`, [w.bob.userId]);
      expect(await recordsInSql(t(), asStaff(w.bob, w.acme), clock.now())).toEqual([]);
      await adminRows(t(), `update users set status = 'active' where id = $1`, [w.bob.userId]);
      expect(await recordsInSql(t(), asStaff(w.bob, w.acme), clock.now())).toEqual(ACME_TITLES);
    });

    it('refuses to revoke a grant that has already ended, and unknown ids are not found', async () => {
      const request = await file({ durationMinutes: 15 });
      await approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {});
      clock.advance(16 * MINUTE);
      const error = await refusal(revokeGrant({ db: t().db, clock, actor: w.carol }, request.id, {}));
      expect(error).toMatchObject({ status: 409, code: 'illegal_transition' });
      expect(error.message).toMatch(/already ended/);
      expect(await requestStatus(t(), request.id)).toBe('approved');
      expect(await outcome(approveRequest({ db: t().db, clock, actor: w.carol }, 'not-a-uuid', {}))).toBe('404 not_found');
      expect(await outcome(approveRequest({ db: t().db, clock, actor: w.carol }, crypto.randomUUID(), {}))).toBe('404 not_found');
    });

    it('lets only a customer admin change the tenant’s lockbox settings', async () => {
      expect(await outcome(updateLockboxSettings({ db: t().db, clock, actor: w.dan }, { requestExpiryHours: 1, requiredApprovals: 1 }))).toBe('403 forbidden');
      expect(await outcome(updateLockboxSettings({ db: t().db, clock, actor: w.carol }, { requestExpiryHours: 169, requiredApprovals: 1 }))).toBe(
        '400 invalid_request_expiry_hours',
      );
      expect(await outcome(updateLockboxSettings({ db: t().db, clock, actor: w.carol }, { requestExpiryHours: 2, requiredApprovals: 3 }))).toBe(
        '400 invalid_required_approvals',
      );
      expect(
        await tryInSql(
          t(),
          asCustomer(w.dan),
          `insert into lockbox_settings (tenant_id, request_expiry_minutes, updated_by) values ('${w.acme.id}', 60, '${w.dan.userId}')`,
        ),
      ).toEqual({ code: '42501' });
      expect(await adminRows(t(), 'select 1 from lockbox_settings where tenant_id = $1', [w.acme.id])).toEqual([]);
      await updateLockboxSettings({ db: t().db, clock, actor: w.carol }, { requestExpiryHours: 2, requiredApprovals: 2 });
      expect(await tryInSql(t(), asCustomer(w.dan), `update lockbox_settings set required_approvals = 1 returning tenant_id`)).toEqual({ rows: 0 });
      expect(await eventKinds(t(), { tenantId: w.acme.id })).toEqual(['lockbox.settings_changed']);
    });

    it('honours a per-tenant request expiry', async () => {
      await updateLockboxSettings({ db: t().db, clock, actor: w.carol }, { requestExpiryHours: 1, requiredApprovals: 1 });
      const request = await file();
      expect(request.expiresAt.getTime() - request.createdAt.getTime()).toBe(HOUR);
      clock.advance(HOUR + MINUTE);
      expect(await outcome(approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {}))).toBe('409 illegal_transition');
    });
  });

  describe('who decides', () => {
    it('refuses erin (another tenant’s admin), dan (a member) and bob himself', async () => {
      const request = await file();
      expect(await outcome(approveRequest({ db: t().db, clock, actor: w.erin }, request.id, {}))).toBe('404 not_found');
      expect(await outcome(approveRequest({ db: t().db, clock, actor: w.dan }, request.id, {}))).toBe('403 forbidden');
      expect(await outcome(approveRequest({ db: t().db, clock, actor: w.bob }, request.id, {}))).toBe('403 forbidden');
      expect(await outcome(denyRequest({ db: t().db, clock, actor: w.erin }, request.id, {}))).toBe('404 not_found');
      expect(await outcome(denyRequest({ db: t().db, clock, actor: w.dan }, request.id, {}))).toBe('403 forbidden');
      expect(await requestStatus(t(), request.id)).toBe('pending');
      expect(await bobReads()).toEqual([]);
    });

    it('refuses their forged approvals in SQL: no approval row, no status change, no access', async () => {
      const request = await file();
      const approval = (who: { userId: string }, tenantId: string) =>
        `insert into lockbox_approvals (request_id, tenant_id, approver_id) values ('${request.id}', '${tenantId}', '${who.userId}')`;
      const approve = (who: { userId: string }) =>
        `update lockbox_requests set status = 'approved', decided_by = '${who.userId}' where id = '${request.id}' returning id`;

      // dan, acme's member: the policies admit customer admins only.
      expect(await tryInSql(t(), asCustomer(w.dan), approval(w.dan, w.acme.id))).toEqual({ code: '42501' });
      expect(await tryInSql(t(), asCustomer(w.dan), approve(w.dan))).toEqual({ rows: 0 });
      // erin, globex's admin: neither as acme's nor as globex's.
      expect(await tryInSql(t(), asCustomer(w.erin), approval(w.erin, w.acme.id))).toEqual({ code: '42501' });
      expect(await tryInSql(t(), asCustomer(w.erin), approval(w.erin, w.globex.id))).toEqual({ code: '23503' });
      expect(await tryInSql(t(), asCustomer(w.erin), approve(w.erin))).toEqual({ rows: 0 });
      // erin pretending to act on acme, with her own id: the database reads her role and tenant from users.
      expect(await tryInSql(t(), { kind: 'customer', userId: w.erin.userId, tenantId: w.acme.id }, approval(w.erin, w.acme.id))).toEqual({
        code: '42501',
      });
      // bob, as himself or naming carol.
      for (const who of [w.bob, w.carol]) {
        expect(await tryInSql(t(), asStaff(w.bob, w.acme), approval(who, w.acme.id))).toEqual({ code: '42501' });
        expect(await tryInSql(t(), asStaff(w.bob, w.acme), approve(who))).toEqual({ rows: 0 });
      }
      // carol cannot approve in bob's name either.
      expect(await tryInSql(t(), asCustomer(w.carol), approval(w.carol2, w.acme.id))).toEqual({ code: '42501' });

      expect(await adminRows(t(), 'select 1 from lockbox_approvals where request_id = $1', [request.id])).toEqual([]);
      expect(await requestStatus(t(), request.id)).toBe('pending');
      expect(await bobReads()).toEqual([]);
    });

    it('tells someone outside the tenant nothing about a request: every forged approval is the same refusal', async () => {
      const pending = await file();
      const approved = await file();
      await approveRequest({ db: t().db, clock, actor: w.carol }, approved.id, {});
      const denied = await file();
      await denyRequest({ db: t().db, clock, actor: w.carol }, denied.id, {});
      for (const id of [pending.id, approved.id, denied.id, crypto.randomUUID()]) {
        // erin, globex's admin: as acme's, refused for who she is; as globex's, no such request.
        for (const [tenant, code] of [
          [w.acme, '42501'],
          [w.globex, '23503'],
        ] as const) {
          const forged = `insert into lockbox_approvals (request_id, tenant_id, approver_id) values ('${id}', '${tenant.id}', '${w.erin.userId}')`;
          expect(await tryInSql(t(), asCustomer(w.erin), forged), `${id} as ${tenant.legalName}`).toEqual({ code });
        }
        // Nor a member or bob inside acme.
        const inAcme = (who: { userId: string }) =>
          `insert into lockbox_approvals (request_id, tenant_id, approver_id) values ('${id}', '${w.acme.id}', '${who.userId}')`;
        expect(await tryInSql(t(), asCustomer(w.dan), inAcme(w.dan))).toEqual({ code: '42501' });
        expect(await tryInSql(t(), asStaff(w.bob, w.acme), inAcme(w.bob))).toEqual({ code: '42501' });
      }
    });

    it('requires two distinct admins when the tenant asks for two approvers', async () => {
      await updateLockboxSettings({ db: t().db, clock, actor: w.carol }, { requestExpiryHours: 12, requiredApprovals: 2 });
      const request = await file();
      expect(request.requiredApprovals).toBe(2);

      const first = await approveRequest({ db: t().db, clock, actor: w.carol }, request.id, { comment: 'one' });
      expect(first).toMatchObject({ status: 'pending', state: 'pending' });
      expect(first.approvals.map((a) => a.approverId)).toEqual([w.carol.userId]);
      expect(await eventKinds(t(), { subject: request.id })).toEqual(['lockbox.requested', 'lockbox.approval_recorded']);
      expect(await bobReads()).toEqual([]);
      // carol2 hears that a second approval is needed.
      expect(await notificationKinds(t(), w.carol2.userId)).toContain('lockbox_second_approval');
      // carol, who just approved, is not told to approve.
      expect(await notificationKinds(t(), w.carol.userId)).not.toContain('lockbox_second_approval');
      expect(await mailKinds(t(), w.carol.email)).not.toContain('lockbox_second_approval');

      const again = await refusal(approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {}));
      expect(again).toMatchObject({ status: 409, code: 'already_approved' });
      // Nor can carol finish it in SQL with one approval.
      expect(
        await tryInSql(
          t(),
          asCustomer(w.carol),
          `update lockbox_requests set status = 'approved', decided_by = '${w.carol.userId}' where id = '${request.id}' returning id`,
        ),
      ).toEqual({ code: '23514' });
      expect(await requestStatus(t(), request.id)).toBe('pending');

      const second = await approveRequest({ db: t().db, clock, actor: w.carol2 }, request.id, { comment: 'two' });
      expect(second).toMatchObject({ status: 'approved', state: 'active' });
      expect(second.approvals.map((a) => a.approverId).sort()).toEqual([w.carol.userId, w.carol2.userId].sort());
      expect(await eventKinds(t(), { subject: request.id })).toEqual(['lockbox.requested', 'lockbox.approval_recorded', 'lockbox.approved']);
      expect(await bobReads()).toEqual(ACME_TITLES);
    });

    it('leaves exactly one grant when two admins approve at once', async () => {
      for (let round = 0; round < 4; round++) {
        const request = await file();
        const results = await Promise.all([
          outcome(approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {})),
          outcome(approveRequest({ db: t().db, clock, actor: w.carol2 }, request.id, {})),
        ]);
        expect(results.sort(), `round ${round}`).toEqual(['409 illegal_transition', 'ok']);
        expect(await requestStatus(t(), request.id)).toBe('approved');
        expect(await adminRows(t(), 'select 1 from lockbox_approvals where request_id = $1', [request.id])).toHaveLength(1);
        expect(await eventKinds(t(), { subject: request.id, kind: 'lockbox.approved' })).toHaveLength(1);
        expect(await notificationKinds(t(), w.bob.userId), 'one notice for bob').toEqual(['lockbox_approved']);
        await revokeGrant({ db: t().db, clock, actor: w.carol }, request.id, {});
        await adminRows(t(), 'delete from notifications where user_id = $1', [w.bob.userId]);
      }
    });

    it('approves exactly once when the two required approvers approve at once', async () => {
      await updateLockboxSettings({ db: t().db, clock, actor: w.carol }, { requestExpiryHours: 12, requiredApprovals: 2 });
      for (let round = 0; round < 4; round++) {
        const request = await file();
        const results = await Promise.all([
          outcome(approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {})),
          outcome(approveRequest({ db: t().db, clock, actor: w.carol2 }, request.id, {})),
        ]);
        // Each approval counts; whichever comes second sees the first and grants access.
        expect(results, `round ${round}`).toEqual(['ok', 'ok']);
        expect(await requestStatus(t(), request.id), `round ${round}`).toBe('approved');
        expect(await eventKinds(t(), { subject: request.id })).toEqual(['lockbox.requested', 'lockbox.approval_recorded', 'lockbox.approved']);
        await revokeGrant({ db: t().db, clock, actor: w.carol }, request.id, {});
      }
    });

    it('leaves exactly one outcome when one admin approves while another denies', async () => {
      for (let round = 0; round < 4; round++) {
        const request = await file();
        const [approve, deny] = await Promise.all([
          outcome(approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {})),
          outcome(denyRequest({ db: t().db, clock, actor: w.carol2 }, request.id, {})),
        ]);
        expect([approve, deny].sort(), `round ${round}`).toEqual(['409 illegal_transition', 'ok']);
        const status = await requestStatus(t(), request.id);
        expect(status).toBe(approve === 'ok' ? 'approved' : 'denied');
        const kinds = await eventKinds(t(), { subject: request.id });
        expect(kinds).toEqual(['lockbox.requested', status === 'approved' ? 'lockbox.approved' : 'lockbox.denied']);
        if (status === 'approved') await revokeGrant({ db: t().db, clock, actor: w.carol }, request.id, {});
      }
    });
  });

  describe('notifications and expiry', () => {
    it('tells acme’s admins of a new request, in the console and by mail, and nobody else', async () => {
      await file();
      for (const admin of [w.carol, w.carol2]) {
        expect(await notificationKinds(t(), admin.userId)).toEqual(['lockbox_requested']);
        expect(await mailKinds(t(), admin.email)).toEqual(['lockbox_requested']);
        const inbox = await listNotifications({ db: t().db, actor: admin });
        expect(inbox.unread).toBe(1);
        expect(inbox.items[0]).toMatchObject({ kind: 'lockbox_requested', link: '/console/lockbox' });
      }
      for (const other of [w.dan, w.erin]) {
        expect(await notificationKinds(t(), other.userId)).toEqual([]);
        expect(await mailKinds(t(), other.email)).toEqual([]);
      }
      const [mail] = await adminRows<{ subject: string; text_body: string }>(t(), 'select subject, text_body from mail_outbox where to_address = $1', [
        w.carol.email,
      ]);
      expect(mail.text_body).toContain('SUP-1234');
      expect(mail.text_body).toContain(w.bob.email);
    });

    it('tells bob of the approval', async () => {
      const request = await file();
      await approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {});
      expect(await notificationKinds(t(), w.bob.userId)).toEqual(['lockbox_approved']);
      expect(await mailKinds(t(), w.bob.email)).toEqual(['lockbox_approved']);
    });

    it('closes unanswered requests and ended grants, with their events, and tells bob', async () => {
      const unanswered = await file();
      const granted = await file({ durationMinutes: 15 });
      await approveRequest({ db: t().db, clock, actor: w.carol }, granted.id, {});
      const live = await file({ durationMinutes: 480 });
      await approveRequest({ db: t().db, clock, actor: w.carol }, live.id, {});

      // Nothing has ended yet.
      await closeEnded(t().db, clock);
      expect([await requestStatus(t(), unanswered.id), await requestStatus(t(), granted.id)]).toEqual(['pending', 'approved']);

      clock.advance(16 * MINUTE);
      await closeEnded(t().db, clock);
      expect(await requestStatus(t(), granted.id)).toBe('expired');
      expect(await requestStatus(t(), unanswered.id)).toBe('pending');
      expect(await eventKinds(t(), { subject: granted.id })).toEqual(['lockbox.requested', 'lockbox.approved', 'lockbox.grant_expired']);

      clock.advance(12 * HOUR);
      await closeEnded(t().db, clock);
      expect(await requestStatus(t(), unanswered.id)).toBe('expired');
      expect(await eventKinds(t(), { subject: unanswered.id })).toEqual(['lockbox.requested', 'lockbox.request_expired']);
      // The 8-hour grant ended too, within the 12 hours.
      expect(await eventKinds(t(), { subject: live.id })).toEqual(['lockbox.requested', 'lockbox.approved', 'lockbox.grant_expired']);

      // Run again: nothing more to close, no second event.
      await closeEnded(t().db, clock);
      expect(await eventKinds(t(), { subject: granted.id, kind: 'lockbox.grant_expired' })).toHaveLength(1);

      const kinds = await notificationKinds(t(), w.bob.userId);
      expect(kinds.filter((k) => k === 'lockbox_grant_expired')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'lockbox_request_expired')).toHaveLength(1);
      expect((await mailKinds(t(), w.bob.email)).filter((k) => k.endsWith('_expired'))).toHaveLength(3);
      expect(await bobReads()).toEqual([]);
    });

    it('closes each ended request once when two instances sweep at the same time', async () => {
      const requests = [await file(), await file(), await file()];
      clock.advance(13 * HOUR);
      const [a, b] = await Promise.all([closeEnded(t().db, clock), closeEnded(t().db, clock)]);
      expect(a.requests + b.requests).toBe(3);
      for (const r of requests) {
        expect(await requestStatus(t(), r.id)).toBe('expired');
        expect(await eventKinds(t(), { subject: r.id, kind: 'lockbox.request_expired' })).toHaveLength(1);
      }
    });
  });

  describe('the state machine', () => {
    it('refuses illegal transitions with clear messages, and logs exactly one event per transition', async () => {
      const request = await file();
      expect(await eventKinds(t(), { subject: request.id })).toEqual(['lockbox.requested']);

      const revokePending = await refusal(revokeGrant({ db: t().db, clock, actor: w.carol }, request.id, {}));
      expect(revokePending).toMatchObject({ status: 409, code: 'illegal_transition' });
      expect(revokePending.message).toBe('This request is still waiting for a decision, so it cannot be revoked. Nothing was changed.');

      await approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {});
      const denyApproved = await refusal(denyRequest({ db: t().db, clock, actor: w.carol2 }, request.id, {}));
      expect(denyApproved.message).toBe('This request is already approved, so it cannot be denied. Nothing was changed.');
      expect(await outcome(approveRequest({ db: t().db, clock, actor: w.carol2 }, request.id, {}))).toBe('409 illegal_transition');

      await revokeGrant({ db: t().db, clock, actor: w.carol2 }, request.id, { comment: 'incident closed' });
      expect(await outcome(approveRequest({ db: t().db, clock, actor: w.carol }, request.id, {}))).toBe('409 illegal_transition');
      expect(await eventKinds(t(), { subject: request.id })).toEqual(['lockbox.requested', 'lockbox.approved', 'lockbox.revoked']);

      const denied = await file();
      await denyRequest({ db: t().db, clock, actor: w.carol }, denied.id, {});
      expect((await refusal(revokeGrant({ db: t().db, clock, actor: w.carol }, denied.id, {}))).message).toBe(
        'This request is already denied, so it cannot be revoked. Nothing was changed.',
      );
      expect(await eventKinds(t(), { subject: denied.id })).toEqual(['lockbox.requested', 'lockbox.denied']);

      // The database holds the same table: approved -> denied and denied -> approved in SQL.
      for (const [id, to] of [
        [request.id, 'pending'],
        [denied.id, 'approved'],
      ] as const) {
        const attempt = await tryInSql(
          t(),
          asCustomer(w.carol),
          `update lockbox_requests set status = '${to}', decided_by = '${w.carol.userId}', revoked_by = '${w.carol.userId}' where id = '${id}' returning id`,
        );
        expect(attempt, `${id} to ${to}`).toEqual({ code: '23514' });
      }
      // Each event names the actor and lands in acme's chain.
      const events = await adminRows<{ kind: string; actor_id: string; tenant_id: string }>(
        t(),
        'select e.kind, a.user_id as actor_id, e.tenant_id from governance_events e left join governance_actors a on a.id = e.actor_id where e.subject = $1 order by e.seq',
        [request.id],
      );
      expect(events.map((e) => [e.kind, e.actor_id, e.tenant_id])).toEqual([
        ['lockbox.requested', w.bob.userId, w.acme.id],
        ['lockbox.approved', w.carol.userId, w.acme.id],
        ['lockbox.revoked', w.carol2.userId, w.acme.id],
      ]);
    });

    it('sets the fields of each transition itself: a decision cannot carry a forged revocation or closing time', async () => {
      const denied = await file();
      const forgedDeny = `update lockbox_requests set status = 'denied', decided_by = '${w.carol.userId}',
        revoked_by = '${w.carol2.userId}', revoked_at = '2000-01-01Z', closed_at = '2000-01-01Z', decided_at = '2000-01-01Z'
        where id = '${denied.id}' returning id`;
      expect(await tryInSql(t(), asCustomer(w.carol), forgedDeny)).toEqual({ rows: 1 });
      const [row] = await adminRows<{ revoked_by: string | null; revoked_at: Date | null; decided_at: Date; closed_at: Date | null }>(
        t(),
        'select revoked_by, revoked_at, decided_at, closed_at from lockbox_requests where id = $1',
        [denied.id],
      );
      expect(row.revoked_by).toBeNull();
      expect(row.revoked_at).toBeNull();
      expect(new Date(row.decided_at).getFullYear()).toBeGreaterThan(2000);
      expect(row.closed_at === null || new Date(row.closed_at).getFullYear() > 2000).toBe(true);

      // An approval written with a revocation stamp: the grant's end is still a grant's end.
      const approved = await file({ durationMinutes: 15 });
      await asAppRole(t(), asCustomer(w.carol), async (q) => {
        await q.query(`insert into lockbox_approvals (request_id, tenant_id, approver_id) values ($1, $2, $3)`, [approved.id, w.acme.id, w.carol.userId]);
        await q.query(`update lockbox_requests set status = 'approved', decided_by = $2, revoked_by = $3, revoked_at = now() where id = $1`, [
          approved.id,
          w.carol.userId,
          w.carol2.userId,
        ]);
      });
      expect((await getRequest({ db: t().db, clock, actor: w.carol }, approved.id)).revokedAt).toBeNull();
      clock.advance(16 * MINUTE);
      await closeEnded(t().db, clock);
      expect(await eventKinds(t(), { subject: approved.id })).toEqual(['lockbox.requested', 'lockbox.grant_expired']);
    });

    it('lets the application role only append governance events, never write them directly', async () => {
      await file();
      for (const actor of [asCustomer(w.carol), asStaff(w.bob, w.acme)]) {
        for (const statement of [
          `update governance_events set reason = 'edited' where tenant_id = '${w.acme.id}' returning id`,
          `delete from governance_events where tenant_id = '${w.acme.id}' returning id`,
          `insert into governance_events (tenant_id, seq, occurred_at, kind, actor_kind) values ('${w.acme.id}', 999, now(), 'lockbox.approved', 'customer')`,
        ]) {
          expect(await tryInSql(t(), actor, statement), statement).toEqual({ code: '42501' });
        }
      }
      // The one way in works, stamping the actor and the next position in the chain.
      const [appended] = await asAppRole(t(), asCustomer(w.carol), (q) =>
        q.query<{ actor_id: string; seq: string }>(
          `select actor_id, seq from append_governance_event('${w.acme.id}', 'lockbox.settings_changed', 'x', '', '{}', '', null)`,
        ),
      );
      const [pseudonym] = await adminRows<{ user_id: string }>(t(), 'select user_id from governance_actors where id = $1', [appended.actor_id]);
      expect(pseudonym.user_id).toBe(w.carol.userId);
      expect(appended.actor_id).not.toBe(w.carol.userId);
      // Not into another tenant's chain.
      expect(
        await tryInSql(
          t(),
          asCustomer(w.carol),
          `select 1 from append_governance_event('${w.globex.id}', 'lockbox.settings_changed', 'x', '', '{}', '', null)`,
        ),
      ).toEqual({ code: '42501' });
      // Customers read their own tenant's chain only.
      const seen = await asAppRole(t(), asCustomer(w.carol), (q) => q.query<{ tenant_id: string }>('select distinct tenant_id from governance_events'));
      expect(seen).toEqual([{ tenant_id: w.acme.id }]);
    });
  });

  describe('bad input', () => {
    it('refuses bad requests with 400 or 404, storing nothing', async () => {
      const count = async () => (await adminRows(t(), 'select 1 from lockbox_requests where tenant_id = $1', [w.acme.id])).length;
      expect(await outcome(file({ justification: 'too short, 19 chars' }))).toBe('400 invalid_justification');
      expect(await outcome(file({ durationMinutes: 481 }))).toBe('400 invalid_duration_minutes');
      expect(await outcome(file({ durationMinutes: 14 }))).toBe('400 invalid_duration_minutes');
      expect(await outcome(file({ access: 'write' }))).toBe('400 invalid_access');
      expect(await outcome(file({ ticket: '' }))).toBe('400 invalid_ticket');
      expect(await outcome(fileRequest({ db: t().db, clock, actor: w.bob }, requestBody({ ...w.acme, slug: 'no-such-tenant' })))).toBe('404 not_found');
      expect(await count()).toBe(0);
      expect(await eventKinds(t(), { tenantId: w.acme.id })).toEqual([]);
      expect(await notificationKinds(t(), w.carol.userId)).toEqual([]);
      expect(await mailKinds(t(), w.carol.email)).toEqual([]);
      // Only support engineers ask.
      const admin = await createStaff(t().admin, 'trust_admin');
      expect(await outcome(fileRequest({ db: t().db, clock, actor: admin }, requestBody(w.acme)))).toBe('403 forbidden');
      expect(await outcome(fileRequest({ db: t().db, clock, actor: w.carol as never }, requestBody(w.acme)))).toBe('403 forbidden');
      // The defaults: 4 hours, read-only.
      const request = await fileRequest(
        { db: t().db, clock, actor: w.bob },
        { tenant: w.acme.slug, justification: requestBody(w.acme).justification, ticket: 'T-1' },
      );
      expect(request).toMatchObject({ durationMinutes: 240, access: 'read', state: 'pending' });
      expect(await count()).toBe(1);
    });
  });

  describe('read-write', () => {
    it('lets a read-write grant change a record, and a read grant not at all', async () => {
      const [record] = w.records;
      const readOnly = await file({ access: 'read' });
      await approveRequest({ db: t().db, clock, actor: w.carol }, readOnly.id, {});
      expect(await outcome(updateTenantRecord({ db: t().db, clock, actor: w.bob }, w.acme.slug, record, { title: 'Changed', body: 'changed' }))).toBe(
        '403 forbidden',
      );
      const update = `update tenant_records set title = 'Changed' where id = '${record}' returning id`;
      expect(await tryInSql(t(), asStaff(w.bob, w.acme), update, clock.now())).toEqual({ rows: 0 });
      expect(await adminRows(t(), 'select title from tenant_records where id = $1', [record])).toEqual([{ title: 'Acme payroll' }]);

      const readWrite = await file({ access: 'read_write' });
      await approveRequest({ db: t().db, clock, actor: w.carol }, readWrite.id, {});
      const row = await updateTenantRecord({ db: t().db, clock, actor: w.bob }, w.acme.slug, record, { title: 'Corrected payroll', body: 'fixed' });
      expect(row).toMatchObject({ id: record, title: 'Corrected payroll' });
      expect(await eventKinds(t(), { tenantId: w.acme.id, subject: record })).toEqual(['support.tenant_record_updated']);
      expect(await tryInSql(t(), asStaff(w.bob, w.acme), update, clock.now())).toEqual({ rows: 1 });
      // Not another tenant's record, even with the grant.
      const [globexRecord] = await adminRows<{ id: string }>(t(), 'select id from tenant_records where tenant_id = $1', [w.globex.id]);
      expect(await outcome(updateTenantRecord({ db: t().db, clock, actor: w.bob }, w.acme.slug, globexRecord.id, { title: 'x', body: 'y' }))).toBe(
        '404 not_found',
      );

      // Revoking the read-write grant leaves the read grant: reads yes, writes no.
      await revokeGrant({ db: t().db, clock, actor: w.carol }, readWrite.id, {});
      expect(await tryInSql(t(), asStaff(w.bob, w.acme), update, clock.now())).toEqual({ rows: 0 });
      expect((await listRequests({ db: t().db, clock, actor: w.bob }, { states: ['active'] })).requests.map((r) => r.id)).toEqual([readOnly.id]);
    });
  });
});
