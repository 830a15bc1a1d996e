import { beforeAll, expect, it } from 'vitest';
import { manualClock } from '@/lib/core/clock';
import { createSession, resolveSession, revokeSession, revokeUserSessions, type SessionDeps } from '@/lib/auth/sessions';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';

const MINUTE = 60_000;
const policy = { idleMs: 5 * MINUTE, maxMs: 8 * 60 * MINUTE };
const secret = 'test-secret-test-secret-test-secret-0123';

describeEachDatabase('sessions', (t) => {
  let customerId: string;
  let staffId: string;
  const deps = (clock = manualClock()): SessionDeps & { clock: ReturnType<typeof manualClock> } => ({
    db: t().db,
    clock,
    secret,
    policy,
  });

  beforeAll(async () => {
    const tenant = await createTenant(t().admin, 'Session Tenant');
    customerId = (await createCustomer(t().admin, tenant, 'customer_member')).userId;
    staffId = (await createStaff(t().admin, 'trust_admin')).userId;
  });

  it('resolves a fresh session to the actor it was made for', async () => {
    const d = deps();
    const { cookieValue } = await createSession(d, customerId, 'vitest');
    const session = await resolveSession(d, cookieValue);
    expect(session?.actor).toMatchObject({ kind: 'customer', userId: customerId, role: 'customer_member', tenantName: 'Session Tenant' });
    const staff = await resolveSession(d, (await createSession(d, staffId, null)).cookieValue);
    expect(staff?.actor).toMatchObject({ kind: 'staff', userId: staffId, role: 'trust_admin' });
  });

  it('slides: activity keeps the session alive, five idle minutes end it', async () => {
    const d = deps();
    const { cookieValue } = await createSession(d, customerId, null);
    for (let i = 0; i < 5; i++) {
      d.clock.advance(4 * MINUTE);
      expect(await resolveSession(d, cookieValue), `after ${(i + 1) * 4} minutes of activity`).not.toBeNull();
    }
    d.clock.advance(5 * MINUTE + 1);
    expect(await resolveSession(d, cookieValue)).toBeNull();
    d.clock.advance(-6 * MINUTE);
    expect(await resolveSession(d, cookieValue), 'an expired session stays ended').toBeNull();
  });

  it('ends at the absolute limit however active the session is', async () => {
    const d = deps();
    const { cookieValue } = await createSession(d, customerId, null);
    for (let elapsed = 0; elapsed + 4 * MINUTE < policy.maxMs; elapsed += 4 * MINUTE) {
      d.clock.advance(4 * MINUTE);
      expect(await resolveSession(d, cookieValue)).not.toBeNull();
    }
    d.clock.advance(4 * MINUTE);
    expect(await resolveSession(d, cookieValue)).toBeNull();
  });

  it('honours a configured policy', async () => {
    const d = { ...deps(), policy: { idleMs: 1 * MINUTE, maxMs: 3 * MINUTE } };
    const { cookieValue } = await createSession(d, customerId, null);
    d.clock.advance(90_000);
    expect(await resolveSession(d, cookieValue)).toBeNull();
  });

  it('is revoked at once by sign-out and by revoking all of a user’s sessions', async () => {
    const d = deps();
    const first = await createSession(d, customerId, null);
    const second = await createSession(d, customerId, null);
    expect(await revokeSession(d, first.cookieValue)).toBe(1);
    expect(await resolveSession(d, first.cookieValue)).toBeNull();
    expect(await resolveSession(d, second.cookieValue)).not.toBeNull();
    expect(await revokeUserSessions(d, customerId, 'deprovisioned')).toBeGreaterThan(0);
    expect(await resolveSession(d, second.cookieValue)).toBeNull();
  });

  it('refuses forged, tampered and malformed cookies', async () => {
    const d = deps();
    const { cookieValue } = await createSession(d, customerId, null);
    const [token, signature] = cookieValue.split('.');
    const otherKey = { ...d, secret: 'another-secret-another-secret-another-1' };
    expect(await resolveSession(otherKey, cookieValue)).toBeNull();
    expect(await resolveSession(d, `${token}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`)).toBeNull();
    for (const bad of ['', 'x', `${token}`, `${token}.`, `${token}.${signature}.x`, "'; drop table sessions; --"]) {
      expect(await resolveSession(d, bad), bad).toBeNull();
    }
    expect(await resolveSession(d, cookieValue)).not.toBeNull();
  });

  it('ends the sessions of a suspended user', async () => {
    const d = deps();
    const { cookieValue } = await createSession(d, staffId, null);
    await t().admin.transaction((q) => q.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [staffId]));
    expect(await resolveSession(d, cookieValue)).toBeNull();
    await t().admin.transaction((q) => q.query(`UPDATE users SET status = 'active' WHERE id = $1`, [staffId]));
    expect(await resolveSession(d, cookieValue), 'reactivation does not revive the session').toBeNull();
  });
});
