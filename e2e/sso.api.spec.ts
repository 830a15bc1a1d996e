import { expect, test, type APIRequestContext } from '@playwright/test';
import { FAKE_WORKOS_PORT, PORT, SSO_PORT } from '../playwright.config';
import { emailsOnly, lifecycle, withEmail } from '../test/helpers/fake-workos/documented-events';
import { FAKE_WORKOS } from '../test/helpers/fake-workos/fixtures';
import { signWebhook } from '../test/helpers/fake-workos/sign';
import { startApp } from './support/app-process';

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
const deliver = (request: APIRequestContext, body: string, signature = signWebhook(body, FAKE_WORKOS.webhookSecret), to = app) =>
  request.post(`${to}/api/webhooks/workos`, { headers: { 'content-type': 'application/json', 'workos-signature': signature }, data: Buffer.from(body) });
/** A server of this spec's own, with WorkOS configured by the webhook secret alone. */
const SECRET_ONLY_PORT = PORT + 20;

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
    const group = {
      object: 'directory_group',
      id: 'directory_group_acme_admins',
      idp_id: 'g',
      directory_id: 'directory_acme',
      organization_id: 'org_acme',
      name: 'Trust Center Admins',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
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

  test('WorkOS’s documented events for a user with emails[] only provision, update and deprovision them', async ({ playwright, request }) => {
    const set = emailsOnly({ tag: `e2e_${Date.now()}`, name: 'veda' });
    const [created, ...rest] = lifecycle(set).map((e) => JSON.stringify(e));
    const first = await deliver(request, created);
    expect(first.status(), await first.text()).toBe(200);
    expect(await first.json()).toEqual({ ok: true, outcome: 'applied' });
    // Provisioned under the address of emails[]: its owner signs in through SSO.
    const browser = await playwright.request.newContext();
    await browser.post(`${fake}/__test/next-profile`, { data: { email: set.email, organizationId: 'org_acme', firstName: 'Lela', lastName: 'Block' } });
    expect((await ssoSignIn(browser, set.email)).url()).toBe(`${app}/console`);
    for (const body of rest) expect(await (await deliver(request, body)).json(), body.slice(0, 120)).toEqual({ ok: true, outcome: 'applied' });
    // The last of them, dsync.user.deleted, ended the session.
    const next = await browser.get(`${app}/console`, { maxRedirects: 0 });
    expect(next.status()).toBe(307);
    await browser.dispose();
  });

  test('WorkOS’s documented events with a top-level email are applied', async ({ request }) => {
    for (const event of lifecycle(withEmail({ tag: `e2e_${Date.now()}`, name: 'lela' }))) {
      const answer = await deliver(request, JSON.stringify(event));
      expect(await answer.json(), event.event).toEqual({ ok: true, outcome: 'applied' });
    }
  });

  test('a signed event with an invalid or out-of-range date gets 400 and applies nothing', async ({ request }) => {
    const set = withEmail({ tag: `e2e_${Date.now()}`, name: 'quinn' });
    for (const bad of ['not-a-date', '2024-13-45', '+275760-09-13T00:00:00.001Z']) {
      const answer = await deliver(request, JSON.stringify({ ...set.created, data: { ...set.created.data, updated_at: bad } }));
      expect(answer.status(), bad).toBe(400);
      const { error } = await answer.json();
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain('data.updated_at');
    }
    // The refused event left no trace: the same event, with a valid date, is applied (not a duplicate).
    expect(await (await deliver(request, JSON.stringify(set.created))).json()).toEqual({ ok: true, outcome: 'applied' });
  });

  test('a signature dated more than five minutes ahead gets 401; a clock a minute ahead is tolerated', async ({ request }) => {
    const body = event('dsync.user.created', directoryUser(`directory_user_ahead_${Date.now()}`, `ahead-${Date.now()}@acme.example`, 'directory_acme'));
    for (const aheadMs of [6 * 60_000, 365 * 86_400_000]) {
      const answer = await deliver(request, body, signWebhook(body, FAKE_WORKOS.webhookSecret, Date.now() + aheadMs));
      expect(answer.status(), `${aheadMs} ms ahead`).toBe(401);
      expect((await answer.json()).error.code).toBe('invalid_signature');
    }
    const accepted = await deliver(request, body, signWebhook(body, FAKE_WORKOS.webhookSecret, Date.now() + 60_000));
    expect(await accepted.json()).toEqual({ ok: true, outcome: 'applied' });
  });
});

test('a server with WORKOS_WEBHOOK_SECRET alone (no API key, no client id) applies a signed event', async ({ request }) => {
  test.setTimeout(180_000);
  const secretOnly = await startApp({ port: SECRET_ONLY_PORT, env: { WORKOS_WEBHOOK_SECRET: FAKE_WORKOS.webhookSecret } });
  try {
    const set = emailsOnly({ tag: `e2e_${Date.now()}`, name: 'sam' });
    const answer = await deliver(request, JSON.stringify(set.created), undefined, secretOnly.url);
    expect(answer.status(), `${await answer.text()}\n${secretOnly.output().slice(-2000)}`).toBe(200);
    expect(await answer.json()).toEqual({ ok: true, outcome: 'applied' });
    const forged = JSON.stringify(set.updated);
    expect((await deliver(request, forged, signWebhook(forged, 'not-the-secret'), secretOnly.url)).status()).toBe(401);
  } finally {
    await secretOnly.stop();
  }
});
