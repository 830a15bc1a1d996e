import { expect, test } from '@playwright/test';
import { NO_DEMO_PORT } from '../playwright.config';
import { ACCOUNTS, signIn } from './helpers';

test('health answers 200 when the database answers', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});

test('demo sign-in sets an HttpOnly, SameSite=Lax session cookie', async ({ request }) => {
  const response = await signIn(request, ACCOUNTS.carol);
  const cookie = response.headers()['set-cookie'];
  expect(cookie).toMatch(/^tc_session=[\w-]{43}\.[\w-]{43};/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=lax/i);
  expect(cookie).not.toMatch(/Secure/i);
  expect(await response.json()).toMatchObject({ ok: true, redirectTo: '/console', user: { email: ACCOUNTS.carol, kind: 'customer' } });
});

const SIDES = [
  { email: ACCOUNTS.alice, admin: 200, console: 403 },
  { email: ACCOUNTS.bob, admin: 200, console: 403 },
  { email: ACCOUNTS.grace, admin: 200, console: 403 },
  { email: ACCOUNTS.heidi, admin: 200, console: 403 },
  { email: ACCOUNTS.carol, admin: 403, console: 200 },
  { email: ACCOUNTS.dan, admin: 403, console: 200 },
  { email: ACCOUNTS.erin, admin: 403, console: 200 },
];

for (const side of SIDES) {
  test(`${side.email} gets /admin ${side.admin} and /console ${side.console}`, async ({ request }) => {
    await signIn(request, side.email);
    expect((await request.get('/admin', { maxRedirects: 0 })).status()).toBe(side.admin);
    expect((await request.get('/console', { maxRedirects: 0 })).status()).toBe(side.console);
  });
}

test('signed-out visitors are sent to sign-in from both consoles', async ({ request }) => {
  for (const path of ['/admin', '/console']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
  }
});

test('a forged or tampered cookie is treated as signed out', async ({ playwright, baseURL }) => {
  const forged = `${'A'.repeat(43)}.${'B'.repeat(43)}`;
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `tc_session=${forged}` } });
  expect((await request.get('/console', { maxRedirects: 0 })).status()).toBe(307);
  await request.dispose();
});

test('the console shows the tenant’s own data and the signed-in person', async ({ request }) => {
  await signIn(request, ACCOUNTS.erin);
  const html = await (await request.get('/console')).text();
  expect(html).toContain('Globex Inc');
  expect(html).toContain('erin@globex.example');
  expect(html).toContain('Case 50977');
  expect(html).not.toContain('Case 48211');
});

test('sign-out ends the session on the server, not only in the browser', async ({ request }) => {
  const response = await signIn(request, ACCOUNTS.dan);
  const cookie = response.headers()['set-cookie'].split(';')[0];
  const out = await request.post('/api/auth/signout');
  expect(out.status()).toBe(200);
  expect(out.headers()['set-cookie']).toMatch(/tc_session=;/);
  const replay = await request.get('/console', { headers: { cookie }, maxRedirects: 0 });
  expect(replay.status(), 'the old cookie no longer works').toBe(307);
});

test.describe('bad input to demo sign-in', () => {
  const cases = [
    { name: 'malformed e-mail', body: { email: 'not-an-email' }, status: 400, code: 'invalid_request' },
    { name: 'missing e-mail', body: {}, status: 400, code: 'invalid_request' },
    { name: 'wrong type', body: { email: 42 }, status: 400, code: 'invalid_request' },
    { name: 'unknown account', body: { email: 'mallory@evil.example' }, status: 404, code: 'unknown_account' },
  ];
  for (const c of cases) {
    test(c.name, async ({ request }) => {
      const response = await request.post('/api/auth/demo', { data: c.body });
      expect(response.status()).toBe(c.status);
      expect((await response.json()).error.code).toBe(c.code);
      expect(response.headers()['set-cookie']).toBeUndefined();
    });
  }

  test('broken JSON', async ({ request }) => {
    const response = await request.post('/api/auth/demo', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{"email":') });
    expect(response.status()).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_json');
  });

  test('a cross-site post is refused and signs nobody in', async ({ request }) => {
    const response = await request.post('/api/auth/demo', {
      headers: { origin: 'https://attacker.example' },
      data: { email: ACCOUNTS.alice },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('cross_origin_request');
    expect(response.headers()['set-cookie']).toBeUndefined();
  });

  test('an open redirect through next is ignored', async ({ request }) => {
    const response = await request.post('/api/auth/demo', { form: { email: ACCOUNTS.carol, next: '//attacker.example/x' }, maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toBe('/console');
  });
});

test('demo sign-in answers 403 when it is turned off', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${NO_DEMO_PORT}` });
  const response = await request.post('/api/auth/demo', { data: { email: ACCOUNTS.carol } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe('demo_sign_in_disabled');
  expect(response.headers()['set-cookie']).toBeUndefined();
  const home = await (await request.get('/')).text();
  expect(home).not.toContain('Demo sign-in is on');
  await request.dispose();
});
