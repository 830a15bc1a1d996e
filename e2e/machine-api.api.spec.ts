// The machine API for the vendor's systems, through HTTP: service accounts created by a trust
// admin, the access decision answered from the grants the customer approves, and the OpenAPI
// document checked by a standard validator. The spec runs its own server (port BASE + 18, a
// fresh embedded database with the demo data) because it approves grants for bob, which the
// shared server's lockbox specs must not see.
import SwaggerParser from '@apidevtools/swagger-parser';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { expect, test } from '@playwright/test';
import { PORT } from '../playwright.config';
import { bobAsksAcme, carolAnswers } from './support/lockbox-http';
import { useOwnApp } from './support/own-app';
import { Client, json, signedIn } from './support/http-client';
import { ACCOUNTS } from './helpers';

const APP_PORT = PORT + 18;
const DECISIONS = '/api/v1/lockbox/decisions';
const ACME = 'acme-1001';

test.describe.configure({ mode: 'serial' });

const app = useOwnApp(APP_PORT);

/** A program holding a service account's secret (its own address, so rate limits stay its own). */
const service = (secret: string, address = '203.0.113.10') => new Client(app().url, '', { authorization: `Bearer ${secret}`, 'x-forwarded-for': address });

async function createAccount(scopes: string[]) {
  const alice = await signedIn(app().url, ACCOUNTS.alice);
  const answer = await alice.post('/api/admin/service-accounts', { name: `Product ${Math.random().toString(36).slice(2, 8)}`, scopes });
  expect(answer.status, answer.text).toBe(201);
  expect(answer.headers.get('cache-control')).toContain('no-store');
  return json<{ serviceAccount: { id: string; scopes: string[] }; secret: string }>(answer);
}

const decide = (client: Client, body: unknown) => client.post(DECISIONS, body);

test('the OpenAPI document is valid OpenAPI 3.1 and describes the decision endpoint', async () => {
  const answer = await new Client(app().url).get('/api/v1/openapi.json');
  expect(answer.status).toBe(200);
  const document = json<{ openapi: string; paths: Record<string, unknown> }>(answer);
  expect(document.openapi).toMatch(/^3\.1\./);
  await SwaggerParser.validate(structuredClone(document) as never);
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/lockbox/decisions', '/lockbox/tokens', '/grants/changes', '/jwks.json']));
});

test('only trust admins manage service accounts', async () => {
  expect((await new Client(app().url).get('/api/admin/service-accounts')).status).toBe(401);
  for (const who of ['bob', 'carol', 'grace'] as const) {
    const client = await signedIn(app().url, ACCOUNTS[who]);
    expect((await client.get('/api/admin/service-accounts')).status, who).toBe(403);
    expect((await client.post('/api/admin/service-accounts', { name: 'x', scopes: ['lockbox:check'] })).status, who).toBe(403);
  }
  const alice = await signedIn(app().url, ACCOUNTS.alice);
  const bad = await alice.post('/api/admin/service-accounts', { name: 'x', scopes: ['root'] });
  expect(bad.status).toBe(400);
  expect(json<{ error: { code: string } }>(bad).error.code).toBe('invalid_scopes');
});

test('a decision needs a live secret (401) holding lockbox:check (403), and valid input (400)', async () => {
  const anonymous = new Client(app().url, '', { 'x-forwarded-for': '203.0.113.20' });
  expect((await decide(anonymous, { tenant: ACME, staff: { email: ACCOUNTS.bob } })).status).toBe(401);
  expect((await decide(service('tcs_not-a-secret', '203.0.113.20'), { tenant: ACME, staff: { email: ACCOUNTS.bob } })).status).toBe(401);
  const feedOnly = await createAccount(['grants:read']);
  const refused = await decide(service(feedOnly.secret), { tenant: ACME, staff: { email: ACCOUNTS.bob } });
  expect(refused.status).toBe(403);
  expect(json<{ error: { code: string } }>(refused).error.code).toBe('missing_scope');

  const { secret } = await createAccount(['lockbox:check']);
  const client = service(secret);
  const cases: [unknown, number, string][] = [
    [{}, 400, 'invalid_tenant'],
    [{ tenant: ACME }, 400, 'invalid_staff'],
    [{ tenant: ACME, staff: {} }, 400, 'invalid_staff'],
    [{ tenant: ACME, staff: { email: 'not an address' } }, 400, 'invalid_staff'],
    [{ tenant: ACME, staff: { email: ACCOUNTS.bob }, access: 'admin' }, 400, 'invalid_access'],
    [{ tenant: ACME, staff: { email: ACCOUNTS.bob }, extra: 1 }, 400, 'invalid_request'],
    [{ tenant: 'no-such-tenant', staff: { email: ACCOUNTS.bob } }, 404, 'unknown_tenant'],
  ];
  for (const [body, status, code] of cases) {
    const answer = await decide(client, body);
    expect(answer.status, JSON.stringify(body)).toBe(status);
    expect(json<{ error: { code: string } }>(answer).error.code, JSON.stringify(body)).toBe(code);
  }
});

test('bob may reach acme only while carol’s approval stands; erin’s tenant never', async () => {
  const { secret, serviceAccount } = await createAccount(['lockbox:check']);
  const client = service(secret);
  const ask = async (tenant = ACME, access = 'read') =>
    json<{ allowed: boolean; reason: string; grant: { id: string } | null }>(await decide(client, { tenant, staff: { email: ACCOUNTS.bob }, access }));

  expect(await ask()).toMatchObject({ allowed: false, reason: 'no_grant', grant: null });
  const id = await bobAsksAcme(app().url, 'SUP-77');
  expect((await ask()).allowed).toBe(false);
  await carolAnswers(app().url, id, 'approve');
  expect(await ask()).toMatchObject({ allowed: true, reason: 'granted', grant: { id } });
  expect(await ask(ACME, 'read_write')).toMatchObject({ allowed: false, reason: 'insufficient_access' });
  expect(await ask('globex-1002')).toMatchObject({ allowed: false, reason: 'no_grant' });

  // A grant token, verified offline as the product's services do: the published keys, the
  // issuer, the audience and the token type.
  const issued = await client.post('/api/v1/lockbox/tokens', { tenant: ACME, staff: { email: ACCOUNTS.bob }, audience: 'invoices-api' });
  expect(issued.status, issued.text).toBe(201);
  const { token } = json<{ token: string }>(issued);
  const keys = createRemoteJWKSet(new URL(`${app().url}/api/v1/jwks.json`));
  const verify = (audience: string) => jwtVerify(token, keys, { issuer: app().url, audience, typ: 'lockbox-grant+jwt' });
  expect((await verify('invoices-api')).payload).toMatchObject({ grant: id, tenant: ACME, access: 'read', email: ACCOUNTS.bob });
  await expect(verify('another-api')).rejects.toThrow(/aud/);

  await carolAnswers(app().url, id, 'revoke');
  expect(await ask()).toMatchObject({ allowed: false, reason: 'no_grant' });
  const refused = await client.post('/api/v1/lockbox/tokens', { tenant: ACME, staff: { email: ACCOUNTS.bob }, audience: 'invoices-api' });
  expect(refused.status).toBe(403);
  expect(json<{ error: { code: string } }>(refused).error.code).toBe('no_access');

  // carol sees the answers in acme's governance log, under the service account.
  const carol = await signedIn(app().url, ACCOUNTS.carol);
  const events = json<{ events: { kind: string; payload: Record<string, unknown> }[] }>(
    await carol.get('/api/governance/events?kind=integration.access_checked'),
  );
  expect(events.events.map((e) => [e.payload.allowed, e.payload.reason])).toEqual(
    expect.arrayContaining([
      [false, 'no_grant'],
      [true, 'granted'],
    ]),
  );
  expect(events.events.every((e) => e.payload.serviceAccount === serviceAccount.id)).toBe(true);
});

test('the grant feed carries carol’s approval and, within 2 s, her revocation to a waiting consumer', async () => {
  const { secret } = await createAccount(['grants:read']);
  const feed = service(secret);
  type Feed = { changes: { change: string; grant: { id: string }; tenant: string | null; staff: { email: string } }[]; cursor: string };
  let cursor = '0';
  for (;;) {
    const page = json<Feed>(await feed.get(`/api/v1/grants/changes?after=${cursor}&limit=1000`));
    if (!page.changes.length) break;
    cursor = page.cursor;
  }
  expect((await feed.get('/api/v1/grants/changes?after=x')).status).toBe(400);
  expect((await service(secret).post(DECISIONS, { tenant: ACME, staff: { email: ACCOUNTS.bob } })).status).toBe(403);

  const id = await bobAsksAcme(app().url, 'SUP-78');
  await carolAnswers(app().url, id, 'approve');
  const approved = json<Feed>(await feed.get(`/api/v1/grants/changes?after=${cursor}&wait=5`));
  expect(approved.changes.map((c) => [c.change, c.grant.id, c.tenant, c.staff.email])).toEqual([['approved', id, ACME, ACCOUNTS.bob]]);

  const waiting = feed.get(`/api/v1/grants/changes?after=${approved.cursor}&wait=10`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await carolAnswers(app().url, id, 'revoke');
  const revokedAt = Date.now();
  const answer = await waiting;
  const delay = Date.now() - revokedAt;
  expect(json<Feed>(answer).changes.map((c) => [c.change, c.grant.id])).toEqual([['revoked', id]]);
  expect(delay, 'revocation to the waiting consumer').toBeLessThan(2000);
});

test('an access reported without a grant reaches carol at once; one under a grant lands in her log, once', async () => {
  const { secret } = await createAccount(['access:report']);
  const agent = service(secret);
  const body = (reportId: string) => ({
    reportId,
    tenant: ACME,
    staff: { email: ACCOUNTS.bob },
    action: 'read',
    resource: 'invoices',
    records: ['inv-1001'],
    occurredAt: new Date().toISOString(),
  });
  const uncovered = await agent.post('/api/v1/access-reports', body(`r-${Date.now()}-a`));
  expect(uncovered.status, uncovered.text).toBe(201);
  expect(json(uncovered)).toMatchObject({ covered: false, grant: null, duplicate: false });
  const carol = await signedIn(app().url, ACCOUNTS.carol);
  type Notices = { items: { kind: string }[] };
  expect(json<Notices>(await carol.get('/api/notifications')).items.map((n) => n.kind)).toContain('access_without_grant');

  const id = await bobAsksAcme(app().url, 'SUP-79');
  await carolAnswers(app().url, id, 'approve');
  const reportId = `r-${Date.now()}-b`;
  const covered = await agent.post('/api/v1/access-reports', body(reportId));
  expect(covered.status).toBe(201);
  expect(json(covered)).toMatchObject({ covered: true, grant: { id, kind: 'lockbox' } });
  const again = await agent.post('/api/v1/access-reports', body(reportId));
  expect(again.status).toBe(200);
  expect(json(again)).toMatchObject({ duplicate: true });
  const events = json<{ events: { payload: Record<string, unknown> }[] }>(await carol.get('/api/governance/events?kind=integration.access_reported'));
  expect(events.events.filter((e) => e.payload.reportId === reportId)).toHaveLength(1);
  await carolAnswers(app().url, id, 'revoke');
  expect((await agent.post('/api/v1/access-reports', { ...body('x'), action: 'delete' })).status).toBe(400);
  expect((await agent.post(DECISIONS, { tenant: ACME, staff: { email: ACCOUNTS.bob } })).status).toBe(403);
});

test('a rotated or revoked secret is refused at once', async () => {
  const { secret, serviceAccount } = await createAccount(['lockbox:check']);
  const body = { tenant: ACME, staff: { email: ACCOUNTS.bob } };
  expect((await decide(service(secret), body)).status).toBe(200);
  const alice = await signedIn(app().url, ACCOUNTS.alice);
  const rotated = json<{ secret: string }>(await alice.post(`/api/admin/service-accounts/${serviceAccount.id}/rotate`));
  expect((await decide(service(secret), body)).status).toBe(401);
  expect((await decide(service(rotated.secret), body)).status).toBe(200);
  expect((await alice.post(`/api/admin/service-accounts/${serviceAccount.id}/revoke`)).status).toBe(200);
  expect((await decide(service(rotated.secret), body)).status).toBe(401);
  const listed = json<{ serviceAccounts: { id: string; revokedAt: string | null; lastUsedAt: string | null }[] }>(
    await alice.get('/api/admin/service-accounts'),
  );
  expect(listed.serviceAccounts.find((a) => a.id === serviceAccount.id)).toMatchObject({ revokedAt: expect.any(String), lastUsedAt: expect.any(String) });
});

test('a client address sending bad secrets is slowed down', async () => {
  // Without TRUST_PROXY the server counts by the connection's own address (127.0.0.1), which
  // the earlier tests' refused secrets already count against: at most 20 are answered 401.
  const stranger = service(`tcs_${'x'.repeat(43)}`);
  const answers = [];
  for (let i = 0; i < 22; i++) answers.push(await decide(stranger, { tenant: ACME, staff: { email: ACCOUNTS.bob } }));
  const statuses = answers.map((a) => a.status);
  const first = statuses.indexOf(429);
  expect(first, statuses.join(' ')).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(20);
  expect(statuses.slice(0, first).every((s) => s === 401) && statuses.slice(first).every((s) => s === 429), statuses.join(' ')).toBe(true);
  expect(Number(answers[first].headers.get('retry-after'))).toBeGreaterThan(0);
});
