import { expect, test, type APIRequestContext } from '@playwright/test';
import { FAKE_WORKOS_PORT, SSO_PORT } from '../playwright.config';
import { FAKE_WORKOS } from '../test/helpers/fake-workos/fixtures';
import { signWebhook } from '../test/helpers/fake-workos/sign';
import { verifyLog } from '../lib/governance/verify';
import { nodeVerifyCrypto } from '../lib/governance/verify-node';

// A person provisioned by Acme's directory exports their data and deletes their account over
// HTTP, on the server with SSO (demo accounts are shared by the other specs and stay).
const app = `http://127.0.0.1:${SSO_PORT}`;
const fake = `http://127.0.0.1:${FAKE_WORKOS_PORT}`;
const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = `privacy-${unique}@acme.example`;

async function provision(request: APIRequestContext) {
  const body = JSON.stringify({
    object: 'event',
    id: `event_privacy_${unique}`,
    event: 'dsync.user.created',
    created_at: new Date().toISOString(),
    data: {
      object: 'directory_user',
      id: `directory_user_privacy_${unique}`,
      directory_id: 'directory_acme',
      organization_id: 'org_acme',
      idp_id: unique,
      email,
      first_name: 'Pia',
      last_name: 'Privacy',
      state: 'active',
      custom_attributes: {},
      raw_attributes: {},
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    },
  });
  const response = await request.post(`${app}/api/webhooks/workos`, {
    headers: { 'content-type': 'application/json', 'workos-signature': signWebhook(body, FAKE_WORKOS.webhookSecret) },
    data: Buffer.from(body),
  });
  expect(await response.json()).toEqual({ ok: true, outcome: 'applied' });
}

async function signedIn(
  playwright: { request: { newContext(): Promise<APIRequestContext> } },
  who: string,
  landing = '/console',
  profile?: Record<string, string>,
) {
  const context = await playwright.request.newContext();
  if (profile) await context.post(`${fake}/__test/next-profile`, { data: { email: who, ...profile } });
  const response = await context.post(`${app}/api/auth/sso`, { form: { email: who } });
  expect(response.url()).toBe(`${app}${landing}`);
  return context;
}

test('a customer user downloads their data, then deletes their account; the chain verifies without them', async ({ playwright, request }) => {
  await provision(request);
  const pia = await signedIn(playwright, email, '/console', { organizationId: 'org_acme', firstName: 'Pia', lastName: 'Privacy' });

  const exported = await pia.post(`${app}/api/me/export`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-disposition']).toMatch(/^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/);
  const data = (await exported.json()) as { account: { email: string; organization: string }; sessions: unknown[] };
  expect(data.account).toMatchObject({ email, organization: 'Acme Corp' });
  expect(data.sessions.length).toBeGreaterThan(0);

  expect((await pia.post(`${app}/api/me/delete`, { data: { confirm: 'someone-else@acme.example' } })).status()).toBe(422);
  expect((await pia.post(`${app}/api/me/delete`, { data: {} })).status()).toBe(400);
  const deleted = await pia.post(`${app}/api/me/delete`, { data: { confirm: email.toUpperCase() } });
  expect(deleted.status()).toBe(200);
  expect(await deleted.json()).toEqual({ deleted: true });
  expect((await pia.post(`${app}/api/me/export`)).status()).toBe(401);

  const carol = await signedIn(playwright, 'carol@acme.example');
  const log = await carol.post(`${app}/api/governance/export`);
  expect(log.status()).toBe(200);
  const text = await log.text();
  expect(text).not.toContain(email);
  const result = await verifyLog(text, nodeVerifyCrypto);
  expect(result.ok, result.summary).toBe(true);
  const kinds = text
    .split('\n')
    .filter((l) => l.startsWith('{"event":'))
    .map((l) => (JSON.parse(l) as { event: { kind: string } }).event.kind);
  expect(kinds).toEqual(expect.arrayContaining(['privacy.data_exported', 'privacy.account_deleted']));
  await Promise.all([pia.dispose(), carol.dispose()]);
});

test('vendor staff cannot delete their accounts here, a wrong confirmation changes nothing, and the signed-out are refused', async ({
  playwright,
  request,
}) => {
  const carol = await signedIn(playwright, 'carol@acme.example');
  expect((await carol.post(`${app}/api/me/delete`, { data: { confirm: 'not-carol@acme.example' } })).status()).toBe(422);
  expect((await carol.get(`${app}/api/governance/events`)).status()).toBe(200);
  expect((await request.post(`${app}/api/me/export`)).status()).toBe(401);
  expect((await request.post(`${app}/api/me/delete`, { data: { confirm: 'carol@acme.example' } })).status()).toBe(401);
  const alice = await signedIn(playwright, 'alice@vendor.example', '/admin');
  const refused = await alice.post(`${app}/api/me/delete`, { data: { confirm: 'alice@vendor.example' } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: 'not_a_customer_account' } });
  expect((await alice.post(`${app}/api/me/export`)).status()).toBe(200);
  await Promise.all([alice.dispose(), carol.dispose()]);
});
