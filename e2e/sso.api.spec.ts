import { expect, test, type APIRequestContext } from '@playwright/test';
import { FAKE_WORKOS_PORT, SSO_PORT } from '../playwright.config';
import { FAKE_WORKOS } from '../test/helpers/fake-workos/fixtures';
import { signWebhook } from '../test/helpers/fake-workos/sign';

const app = `http://127.0.0.1:${SSO_PORT}`;
const fake = `http://127.0.0.1:${FAKE_WORKOS_PORT}`;

/** Runs the whole SSO round trip over HTTP (app → fake WorkOS → callback) and returns the last response. */
async function ssoSignIn(request: APIRequestContext, email: string) {
  return request.post(`${app}/api/auth/sso`, { form: { email } });
}

async function sessionCookie(request: APIRequestContext) {
  const state = await request.storageState();
  return state.cookies.find((c) => c.name === 'tc_session');
}

let sequence = 0;
const directoryUser = (id: string, email: string, directoryId: string, state = 'active') => ({
  object: 'directory_user',
  id,
  directory_id: directoryId,
  organization_id: 'org_acme',
  idp_id: id,
  email,
  first_name: 'Test',
  last_name: 'Person',
  state,
  custom_attributes: {},
  raw_attributes: {},
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});
const event = (name: string, data: unknown) =>
  JSON.stringify({ object: 'event', id: `event_e2e_${Date.now()}_${++sequence}`, event: name, data, created_at: new Date().toISOString() });
const deliver = (request: APIRequestContext, body: string, signature = signWebhook(body, FAKE_WORKOS.webhookSecret)) =>
  request.post(`${app}/api/webhooks/workos`, { headers: { 'content-type': 'application/json', 'workos-signature': signature }, data: Buffer.from(body) });

test.describe.configure({ mode: 'serial' });

test('SSO signs a customer in with a session for their own tenant', async ({ playwright }) => {
  const request = await playwright.request.newContext();
  const response = await ssoSignIn(request, 'dan@acme.example');
  expect(response.url()).toBe(`${app}/console`);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('Acme Corp');
  expect(await sessionCookie(request)).toBeDefined();
  await request.dispose();
});

test('SSO for erin@globex.example can never yield a session with tenant acme', async ({ playwright }) => {
  // A hostile identity provider answers erin's sign-in with a profile of the acme organization…
  for (const startWith of ['erin@globex.example', 'carol@acme.example']) {
    const request = await playwright.request.newContext();
    await request.post(`${fake}/__test/next-profile`, {
      data: { email: 'erin@globex.example', organizationId: 'org_acme', firstName: 'Erin', lastName: 'Evans' },
    });
    const response = await ssoSignIn(request, startWith);
    expect(response.url()).toBe(`${app}/sign-in?error=sso_organization_mismatch`);
    expect(await sessionCookie(request), `started as ${startWith}`).toBeUndefined();
    await request.dispose();
  }
});

test('a callback without the state cookie, or with a forged state, is refused', async ({ playwright }) => {
  const request = await playwright.request.newContext();
  const response = await request.get(`${app}/api/auth/callback?code=whatever&state=forged`, { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toBe('/sign-in?error=sso_state_mismatch');
  expect(await sessionCookie(request)).toBeUndefined();
  await request.dispose();
});

test.describe('Directory Sync webhooks', () => {
  test('a created user becomes admin through the admin group', async ({ request }) => {
    const user = directoryUser('directory_user_lena', 'lena@acme.example', 'directory_acme');
    const created = await deliver(request, event('dsync.user.created', user));
    expect(created.status()).toBe(200);
    expect(await created.json()).toEqual({ ok: true, outcome: 'applied' });
    const group = { object: 'directory_group', id: 'directory_group_acme_admins', idp_id: 'g', directory_id: 'directory_acme', organization_id: 'org_acme', name: 'Trust Center Admins', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };
    const added = await deliver(request, event('dsync.group.user_added', { directory_id: 'directory_acme', user, group }));
    expect(await added.json()).toEqual({ ok: true, outcome: 'applied' });
  });

  test('a deleted user’s next request is refused at once', async ({ playwright, request }) => {
    const nora = directoryUser('directory_user_nora', 'nora@acme.example', 'directory_acme');
    expect((await (await deliver(request, event('dsync.user.created', nora))).json()).outcome).toBe('applied');
    const browser = await playwright.request.newContext();
    expect((await ssoSignIn(browser, 'nora@acme.example')).url()).toBe(`${app}/console`);
    const deleted = await deliver(request, event('dsync.user.deleted', { ...nora, state: 'inactive' }));
    expect(await deleted.json()).toEqual({ ok: true, outcome: 'applied' });
    const next = await browser.get(`${app}/console`, { maxRedirects: 0 });
    expect(next.status()).toBe(307);
    expect(next.headers().location).toContain('/sign-in');
    const again = await ssoSignIn(browser, 'nora@acme.example');
    expect(again.url()).toBe(`${app}/sign-in?error=account_suspended`);
    await browser.dispose();
  });

  test('bad signatures, stale signatures and malformed bodies get 4xx; a replay is applied once', async ({ request }) => {
    const body = event('dsync.user.created', directoryUser('directory_user_mia', 'mia@acme.example', 'directory_acme'));
    expect((await deliver(request, body, signWebhook(body, 'not-the-secret'))).status()).toBe(401);
    expect((await deliver(request, body, signWebhook(body, FAKE_WORKOS.webhookSecret, Date.now() - 10 * 60_000))).status()).toBe(401);
    expect((await request.post(`${app}/api/webhooks/workos`, { data: Buffer.from(body), headers: { 'content-type': 'application/json' } })).status()).toBe(401);
    const malformed = '{"id":"event_x","event":"dsync.user.created","data":';
    expect((await deliver(request, malformed)).status()).toBe(400);
    const first = await deliver(request, body);
    const replay = await deliver(request, body);
    expect(await first.json()).toEqual({ ok: true, outcome: 'applied' });
    expect(await replay.json()).toEqual({ ok: true, outcome: 'duplicate' });
  });
});
