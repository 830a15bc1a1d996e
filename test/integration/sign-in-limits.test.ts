import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { demoSignIn } from '@/lib/auth/demo';
import { manualClock } from '@/lib/core/clock';
import { EventCoalescer } from '@/lib/governance/coalesce';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createTenant } from '../helpers/factories';
import { outcome } from '../helpers/lockbox';

const unique = () => randomBytes(4).toString('hex');

describeEachDatabase('sign-in limits: per account and per address', (t) => {
  let member: { email: string };
  let suspended: { email: string };

  beforeAll(async () => {
    const tenant = await createTenant(t().admin, `Limits ${unique()}`);
    member = await createCustomer(t().admin, tenant, 'customer_member');
    suspended = await createCustomer(t().admin, tenant, 'customer_member');
    await t().admin.transaction((q) => q.query(`UPDATE users SET status = 'suspended' WHERE email = $1`, [suspended.email]));
  });

  /** Demo sign-in with a manual clock and a sleep that only notes how long it would wait. */
  function signIns(start: string) {
    const clock = manualClock(new Date(start));
    const waits: number[] = [];
    const deps = {
      db: t().db,
      clock,
      secret: 's'.repeat(40),
      policy: { idleMs: 300_000, maxMs: 28_800_000 },
      failureCoalescer: new EventCoalescer(),
      enabled: true,
      sleep: async (ms: number) => void waits.push(ms),
    };
    const signIn = (email: string, client: string | null) => outcome(demoSignIn(deps, email, null, client));
    return { clock, waits, signIn };
  }

  it('slows a noisy address down, doubling the wait up to a cap, and still signs its valid accounts in', async () => {
    const { clock, waits, signIn } = signIns('2026-11-24T10:00:00Z');
    const noisy = `address-${unique()}`;
    for (let i = 0; i < 26; i++) expect(await signIn(`guess${i}-${unique()}@evil.example`, noisy)).toBe('404 unknown_account');
    expect(await signIn(member.email, noisy)).toBe('ok');
    // Twenty failures cost nothing; each one after them doubles the wait, from 250 ms to at most 3 s.
    expect(waits).toEqual([250, 500, 1000, 2000, 3000, 3000]);

    waits.length = 0;
    expect(await signIn(member.email, `address-${unique()}`)).toBe('ok');
    expect(waits, 'another address does not wait').toEqual([]);
    clock.advance(900_000);
    expect(await signIn(member.email, noisy)).toBe('ok');
    expect(waits, 'the next window starts afresh').toEqual([]);
  });

  it('refuses an account (429) after ten failures from any addresses, and only that account', async () => {
    const { clock, signIn } = signIns('2026-11-24T11:00:00Z');
    const client = `address-${unique()}`;
    for (let i = 0; i < 10; i++) expect(await signIn(suspended.email, `address-${unique()}`)).toBe('404 unknown_account');
    // However the address is written, and from an address that never failed.
    expect(await signIn(suspended.email.toUpperCase(), `address-${unique()}`)).toBe('429 rate_limited');
    expect(await signIn(suspended.email, client)).toBe('429 rate_limited');
    expect(await signIn(`someone-${unique()}@evil.example`, client)).toBe('404 unknown_account');
    expect(await signIn(member.email, client)).toBe('ok');
    clock.advance(900_000);
    expect(await signIn(suspended.email, client)).toBe('404 unknown_account');
  });

  it('locks an address that does not exist the same way, so a 429 tells nothing about accounts', async () => {
    const { signIn } = signIns('2026-11-24T12:00:00Z');
    const nobody = `nobody-${unique()}@evil.example`;
    for (let i = 0; i < 10; i++) expect(await signIn(nobody, null)).toBe('404 unknown_account');
    expect(await signIn(nobody, null)).toBe('429 rate_limited');
  });
});
