import { randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { NO_DEMO_PORT } from '../playwright.config';
import { ACCOUNTS } from './helpers';

test('without TRUST_PROXY a forged X-Forwarded-For does not buy a fresh rate limit', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${NO_DEMO_PORT}` });
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 8; i++) {
    const response = await request.post('/api/subscriptions', {
      data: { email: `visitor-${i}@prospect.example` },
      headers: { 'X-Forwarded-For': `203.0.113.${i + 1}` },
    });
    statuses.push(response.status());
    if (response.status() === 429) retryAfter = response.headers()['retry-after'];
  }
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s < 300)).toHaveLength(5);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  await request.dispose();
});

// The main server trusts X-Forwarded-For (TRUST_PROXY=1), so each test below is a client of its
// own, at addresses of its own (documentation and benchmarking ranges: no traffic goes there).
const hex = () => randomInt(0x1000, 0xffff).toString(16);
const someIPv4 = () => `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;
const someSlash64 = () => `2001:db8:${hex()}:${hex()}`;
const nobody = () => `nobody-${hex()}${hex()}@unknown.example`;

test.describe('sign-in limits on the demo server', () => {
  test('unknown e-mails tried from one address do not lock out the valid accounts behind it', async ({ request }) => {
    test.setTimeout(60_000);
    const address = someIPv4();
    const signIn = (email: string) => request.post('/api/auth/demo', { data: { email }, headers: { 'X-Forwarded-For': address } });
    for (let i = 0; i < 22; i++) expect((await signIn(nobody())).status(), `failure ${i + 1}`).toBe(404);
    const valid = await signIn(ACCOUNTS.dan);
    expect(valid.status()).toBe(200);
    expect(valid.headers()['set-cookie']).toContain('tc_session');
  });

  test('an account that failed ten times is refused (429) from any address; other accounts are not', async ({ request }) => {
    const signIn = (email: string, address: string) => request.post('/api/auth/demo', { data: { email }, headers: { 'X-Forwarded-For': address } });
    const victim = nobody();
    for (let i = 0; i < 10; i++) expect((await signIn(victim, someIPv4())).status(), `failure ${i + 1}`).toBe(404);
    const address = someIPv4();
    const refused = await signIn(victim.toUpperCase(), address);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await signIn(nobody(), address)).status()).toBe(404);
    expect((await signIn(ACCOUNTS.dan, address)).status()).toBe(200);
  });

  test('IPv6 clients are counted per /64: one /64 shares a limit, the next /64 has its own', async ({ request }) => {
    const net = someSlash64();
    const subscribe = (address: string) =>
      request.post('/api/subscriptions', { data: { email: `visitor-${hex()}${hex()}@prospect.example` }, headers: { 'X-Forwarded-For': address } });
    for (let i = 1; i <= 5; i++) expect((await subscribe(`${net}::${i}`)).status(), `subscription ${i}`).toBeLessThan(300);
    expect((await subscribe(`${net}:ffff:ffff:ffff:ffff`)).status(), 'another address of the same /64').toBe(429);
    const [, , a, b] = net.split(':');
    const neighbour = `2001:db8:${a}:${(parseInt(b, 16) ^ 1).toString(16)}`;
    expect((await subscribe(`${neighbour}::1`)).status(), 'the neighbouring /64').toBeLessThan(300);
  });
});
