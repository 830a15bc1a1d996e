import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { appendEvent } from '@/lib/governance/append';
import { deleteOwnAccount } from '@/lib/privacy/delete-account';
import { exportPersonalData } from '@/lib/privacy/personal-data';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createLockboxRows, createStaff, createTenant } from '../helpers/factories';
import { exportText, newSigningKey, tenantTarget, verifyText } from '../helpers/governance';
import { adminRows } from '../helpers/lockbox';

describeEachDatabase('personal data export and account deletion', (t) => {
  const key = newSigningKey();
  const clock = manualClock(new Date());
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let carol: Awaited<ReturnType<typeof createCustomer>>;
  let dave: Awaited<ReturnType<typeof createCustomer>>;

  const kindsOfChain = async () =>
    (await adminRows<{ kind: string }>(t(), 'SELECT kind FROM governance_events WHERE tenant_id = $1 ORDER BY seq', [tenant.id])).map((r) => r.kind);

  beforeAll(async () => {
    tenant = await createTenant(t().admin, 'Privacy Corp');
    carol = await createCustomer(t().admin, tenant, 'customer_admin');
    dave = await createCustomer(t().admin, tenant, 'customer_admin');
    await createLockboxRows(t().admin, tenant, dave.userId);
    await withActor(t().db, dave, (tx) => appendEvent(tx, { tenantId: tenant.id, kind: 'lockbox.settings_changed', subject: 'x', aboutUserId: carol.userId }));
  });

  it('exports the caller’s own data, with the events they acted in, and records the export', async () => {
    const data = await exportPersonalData({ db: t().db, actor: dave }, clock.now());
    expect(data).toMatchObject({ format: 'trust-center-personal-data', account: { email: dave.email, role: 'customer_admin', organization: 'Privacy Corp' } });
    expect(data.governanceIdentity?.events.map((e) => e.kind)).toEqual(['lockbox.settings_changed']);
    expect(data.lockbox).toMatchObject({ approvals: [expect.objectContaining({ comment: '' })] });
    expect(JSON.stringify(data)).not.toContain(carol.email);
    expect((await kindsOfChain()).at(-1)).toBe('privacy.data_exported');
  });

  it('exports staff data from their own rows only', async () => {
    const bob = await createStaff(t().admin, 'support');
    const data = await exportPersonalData({ db: t().db, actor: bob }, clock.now());
    expect(data.account).toMatchObject({ email: bob.email, kind: 'staff', organization: null });
    expect(data.lockbox).toEqual({ requests: [] });
  });

  it('deletes an account: the name and e-mail leave the portal and the log, and the chain still verifies', async () => {
    const before = await exportText(t().db, tenantTarget(tenant), clock, key);
    expect(before).toContain(dave.email);
    await deleteOwnAccount({ db: t().db, actor: dave });

    const after = await exportText(t().db, tenantTarget(tenant), clock, key);
    const verified = await verifyText(after);
    expect(verified, verified.summary).toMatchObject({ ok: true });
    expect(after).not.toContain(dave.email);
    const actorLines = after
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.type === 'actor');
    expect(actorLines.filter((l) => l.erased)).toEqual([expect.objectContaining({ name: null, email: null, erased: true })]);
    // Every event before the deletion is byte for byte what it was.
    const events = (text: string) => text.split('\n').filter((l) => l.startsWith('{"event":'));
    expect(events(after).slice(0, events(before).length)).toEqual(events(before));
    expect((await kindsOfChain()).at(-1)).toBe('privacy.account_deleted');

    const [user] = await adminRows<{ email: string; name: string; status: string }>(t(), 'SELECT email, name, status FROM users WHERE id = $1', [dave.userId]);
    expect(user).toEqual({ email: `erased-${dave.userId}@erased.invalid`, name: 'Erased user', status: 'suspended' });
    const [left] = await adminRows<{ sessions: number; notifications: number; named: number }>(
      t(),
      `SELECT (SELECT count(*) FROM sessions WHERE user_id = $1)::int AS sessions,
              (SELECT count(*) FROM notifications WHERE user_id = $1)::int AS notifications,
              (SELECT count(*) FROM lockbox_approvals WHERE approver_id = $1 AND approver_name <> '')::int AS named`,
      [dave.userId],
    );
    expect(left).toEqual({ sessions: 0, notifications: 0, named: 0 });
  });

  it('records the deletion as privacy.account_deleted, naming the pseudonym only', async () => {
    const [event] = await adminRows<{ payload: { user: string; role: string }; actor_id: string }>(
      t(),
      `SELECT payload, actor_id FROM governance_events WHERE tenant_id = $1 AND kind = 'privacy.account_deleted'`,
      [tenant.id],
    );
    expect(event.payload).toEqual({ role: 'customer_admin', user: event.actor_id });
    expect(JSON.stringify(event)).not.toContain(dave.userId);
  });

  it('refuses the last customer admin, and changes nothing', async () => {
    const events = (await kindsOfChain()).length;
    await expect(deleteOwnAccount({ db: t().db, actor: carol })).rejects.toMatchObject({ code: 'last_customer_admin', status: 409 });
    expect((await kindsOfChain()).length).toBe(events);
    const [user] = await adminRows<{ email: string }>(t(), 'SELECT email FROM users WHERE id = $1', [carol.userId]);
    expect(user.email).toBe(carol.email);
  });

  it('lets a member delete their account', async () => {
    const erin = await createCustomer(t().admin, tenant, 'customer_member');
    await deleteOwnAccount({ db: t().db, actor: erin });
    const [user] = await adminRows<{ name: string }>(t(), 'SELECT name FROM users WHERE id = $1', [erin.userId]);
    expect(user.name).toBe('Erased user');
  });

  describe('in the database', () => {
    it('refuses the deletion function to staff and to the signed-out', async () => {
      const bob = await createStaff(t().admin, 'trust_admin');
      for (const actor of [bob, { kind: 'anonymous' as const }]) {
        const error = await withActor(t().db, actor, (tx) => tx.execute(sql`select delete_own_customer_account()`)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(pgErrorCode(error)).toBe('42501');
      }
    });
  });
});
