import { type APIRequestContext, type PlaywrightWorkerArgs, expect, test } from '@playwright/test';
import { MAILBOX_URL } from '../playwright.config';
import { mailTo } from '../test/helpers/mail-server/mailbox';
import { ACCOUNTS, signIn } from './helpers';

// These run against globex: the browser tests of the same server work on acme, and a grant
// made there must not change what these expect.
test.describe.configure({ mode: 'serial' });

type Who = keyof typeof ACCOUNTS | null;

async function as(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, who: Who): Promise<APIRequestContext> {
  const context = await playwright.request.newContext({ baseURL });
  if (who) await signIn(context, ACCOUNTS[who]);
  return context;
}

const unique = () => Math.random().toString(36).slice(2, 10);

function ask(bob: APIRequestContext, tenant: string, overrides: Record<string, unknown> = {}) {
  return bob.post('/api/lockbox/requests', {
    data: {
      tenant,
      justification: `Customer reports failed exports, need to inspect (${unique()})`,
      ticket: `SUP-${unique()}`,
      durationMinutes: 60,
      access: 'read',
      ...overrides,
    },
  });
}

async function records(user: APIRequestContext, tenant: string) {
  const response = await user.get(`/api/tenants/${tenant}/records`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { records: { title: string }[] }).records;
}

test('only support engineers ask, with input that holds', async ({ playwright, baseURL }) => {
  const anonymous = await as(playwright, baseURL, null);
  expect((await anonymous.get('/api/lockbox/requests')).status()).toBe(401);
  expect((await ask(anonymous, 'globex')).status()).toBe(401);
  for (const who of ['alice', 'grace', 'carol', 'erin'] as const) {
    const response = await ask(await as(playwright, baseURL, who), 'globex');
    expect(response.status(), who).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden');
  }
  const bob = await as(playwright, baseURL, 'bob');
  const cases: [Record<string, unknown>, number, string][] = [
    [{ justification: 'too short' }, 400, 'invalid_justification'],
    [{ durationMinutes: 481 }, 400, 'invalid_duration_minutes'],
    [{ durationMinutes: 'soon' }, 400, 'invalid_duration_minutes'],
    [{ access: 'admin' }, 400, 'invalid_access'],
    [{ ticket: '' }, 400, 'invalid_ticket'],
    [{ tenant: 'no-such-tenant' }, 404, 'not_found'],
    [{ tenant: '../acme' }, 400, 'invalid_tenant'],
  ];
  const before = (await (await bob.get('/api/lockbox/requests')).json()).total as number;
  for (const [overrides, status, code] of cases) {
    const response = await ask(bob, 'globex', overrides);
    expect(response.status(), JSON.stringify(overrides)).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  }
  const broken = await bob.post('/api/lockbox/requests', { headers: { 'content-type': 'application/json' }, data: '{"tenant":' });
  expect(broken.status()).toBe(400);
  expect((await (await bob.get('/api/lockbox/requests')).json()).total).toBe(before);
});

test('request, approval by the tenant admin only, access, revocation', async ({ playwright, baseURL }) => {
  const bob = await as(playwright, baseURL, 'bob');
  const erin = await as(playwright, baseURL, 'erin');
  expect(await records(bob, 'globex')).toEqual([]);

  const filed = await ask(bob, 'globex');
  expect(filed.status()).toBe(201);
  const request = (await filed.json()).request;
  expect(request).toMatchObject({ status: 'pending', state: 'pending', durationMinutes: 60, access: 'read' });

  // The tenant's admin hears of it in the console and by mail.
  const inbox = await (await erin.get('/api/notifications')).json();
  expect(inbox.items.some((n: { kind: string; body: string }) => n.kind === 'lockbox_requested' && n.body.includes(request.ticket))).toBe(true);
  await mailTo(MAILBOX_URL, ACCOUNTS.erin, /asks for read-only access to Globex Inc/);

  // Nobody but globex's customer admins decides; another tenant's admin does not even see it.
  expect((await (await as(playwright, baseURL, 'bob')).post(`/api/lockbox/requests/${request.id}/approve`, { data: {} })).status()).toBe(403);
  expect((await (await as(playwright, baseURL, 'carol')).post(`/api/lockbox/requests/${request.id}/approve`, { data: {} })).status()).toBe(404);
  expect((await (await as(playwright, baseURL, 'carol')).get(`/api/lockbox/requests/${request.id}`)).status()).toBe(404);
  expect((await (await as(playwright, baseURL, 'dan')).post(`/api/lockbox/requests/${request.id}/approve`, { data: {} })).status()).toBe(403);
  expect(await records(bob, 'globex')).toEqual([]);

  const approved = await erin.post(`/api/lockbox/requests/${request.id}/approve`, { data: { comment: 'Go ahead for the export issue.' } });
  expect(approved.status()).toBe(200);
  expect((await approved.json()).request).toMatchObject({ status: 'approved', state: 'active', decisionComment: 'Go ahead for the export issue.' });
  await mailTo(MAILBOX_URL, ACCOUNTS.bob, /Globex Inc approved your lockbox request/);
  expect((await records(bob, 'globex')).length).toBeGreaterThan(0);
  expect(await records(bob, 'acme')).toEqual([]);

  const again = await erin.post(`/api/lockbox/requests/${request.id}/approve`, { data: {} });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.message).toMatch(/already approved/);

  const listed = await (await erin.get('/api/lockbox/requests?status=approved')).json();
  expect(listed.requests.map((r: { id: string }) => r.id)).toContain(request.id);

  const revoked = await erin.post(`/api/lockbox/requests/${request.id}/revoke`, { data: { comment: 'Done.' } });
  expect(revoked.status()).toBe(200);
  expect((await revoked.json()).request.state).toBe('revoked');
  await mailTo(MAILBOX_URL, ACCOUNTS.bob, /Globex Inc revoked your lockbox access/);
  expect(await records(bob, 'globex')).toEqual([]);
});

test('a denied request grants nothing', async ({ playwright, baseURL }) => {
  const bob = await as(playwright, baseURL, 'bob');
  const erin = await as(playwright, baseURL, 'erin');
  const request = (await (await ask(bob, 'globex', { access: 'read_write' })).json()).request;
  const denied = await erin.post(`/api/lockbox/requests/${request.id}/deny`, { data: { comment: 'Not during quarter close.' } });
  expect(denied.status()).toBe(200);
  expect((await denied.json()).request.state).toBe('denied');
  expect(await records(bob, 'globex')).toEqual([]);
  const revoke = await erin.post(`/api/lockbox/requests/${request.id}/revoke`, { data: {} });
  expect(revoke.status()).toBe(409);
  expect((await revoke.json()).error.code).toBe('illegal_transition');
});

test('break-glass: holders only, at most an hour, the tenant told, reviewed by the other holder', async ({ playwright, baseURL }) => {
  const body = { tenant: 'globex', justification: 'Production incident: globex exports corrupt, on-call', incident: `INC-${unique()}`, durationMinutes: 30 };
  for (const who of ['bob', 'alice', 'erin'] as const) {
    expect((await (await as(playwright, baseURL, who)).post('/api/break-glass', { data: body })).status(), who).toBe(403);
  }
  const heidi = await as(playwright, baseURL, 'heidi');
  const tooLong = await heidi.post('/api/break-glass', { data: { ...body, durationMinutes: 61 } });
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).error.code).toBe('invalid_duration_minutes');

  const invoked = await heidi.post('/api/break-glass', { data: body });
  expect(invoked.status()).toBe(201);
  const session = (await invoked.json()).session;
  expect(session).toMatchObject({ state: 'active', incident: body.incident, durationMinutes: 30 });
  expect((await records(heidi, 'globex')).length).toBeGreaterThan(0);
  await mailTo(MAILBOX_URL, ACCOUNTS.erin, /Emergency access to Globex Inc's data was opened/);

  const erin = await as(playwright, baseURL, 'erin');
  const log = await (await erin.get('/api/governance/events?kind=support.break_glass_invoked')).json();
  expect(log.events.some((e: { subject: string; reason: string }) => e.subject === session.id && e.reason === body.justification)).toBe(true);
  const carolLog = await (await (await as(playwright, baseURL, 'carol')).get('/api/governance/events?kind=support.')).json();
  expect(JSON.stringify(carolLog)).not.toContain(session.id);
  const seen = await (await erin.get('/api/break-glass')).json();
  expect(seen.sessions.map((s: { id: string }) => s.id)).toContain(session.id);
  const carolSees = await (await (await as(playwright, baseURL, 'carol')).get('/api/break-glass')).json();
  expect(carolSees.sessions.map((s: { id: string }) => s.id)).not.toContain(session.id);

  const grace = await as(playwright, baseURL, 'grace');
  expect((await grace.post(`/api/break-glass/${session.id}/end`)).status()).toBe(403);
  const early = await grace.post(`/api/break-glass/${session.id}/review`, { data: { review: 'Reviewed the session: access was justified.' } });
  expect(early.status()).toBe(409);

  expect((await heidi.post(`/api/break-glass/${session.id}/end`)).status()).toBe(200);
  expect(await records(heidi, 'globex')).toEqual([]);
  const self = await heidi.post(`/api/break-glass/${session.id}/review`, { data: { review: 'I reviewed my own session, which is not allowed.' } });
  expect(self.status()).toBe(403);
  const reviewed = await grace.post(`/api/break-glass/${session.id}/review`, { data: { review: 'Checked the incident ticket and the reads: justified.' } });
  expect(reviewed.status()).toBe(200);
  expect((await reviewed.json()).session.review.text).toContain('justified');
  expect((await grace.post(`/api/break-glass/${session.id}/review`, { data: { review: 'A second review must be refused.' } })).status()).toBe(409);
});

test('tenant records answer only the tenant’s own users and staff with live access', async ({ playwright, baseURL }) => {
  const carol = await as(playwright, baseURL, 'carol');
  expect((await records(carol, 'acme')).length).toBeGreaterThan(0);
  expect((await carol.get('/api/tenants/globex/records')).status()).toBe(404);
  expect((await (await as(playwright, baseURL, null)).get('/api/tenants/acme/records')).status()).toBe(401);
  expect(await records(await as(playwright, baseURL, 'alice'), 'globex')).toEqual([]);
});

test('trust admins designate at most two break-glass holders, with the role', async ({ playwright, baseURL }) => {
  const alice = await as(playwright, baseURL, 'alice');
  const three = await alice.post('/api/admin/break-glass/holders', { data: { emails: [ACCOUNTS.grace, ACCOUNTS.heidi, 'x@vendor.example'] } });
  expect(three.status()).toBe(400);
  expect((await three.json()).error.message).toMatch(/at most two/);
  const wrongRole = await alice.post('/api/admin/break-glass/holders', { data: { emails: [ACCOUNTS.bob] } });
  expect(wrongRole.status()).toBe(400);
  expect((await wrongRole.json()).error.message).toContain('bob@vendor.example is not an active staff member with the break-glass role');
  expect((await (await as(playwright, baseURL, 'grace')).post('/api/admin/break-glass/holders', { data: { emails: [] } })).status()).toBe(403);

  const same = await alice.post('/api/admin/break-glass/holders', { data: { emails: [ACCOUNTS.grace, ACCOUNTS.heidi] } });
  expect(same.status()).toBe(200);
  expect((await same.json()).holders.map((h: { email: string }) => h.email)).toEqual([ACCOUNTS.grace, ACCOUNTS.heidi]);
  const listed = await (await (await as(playwright, baseURL, 'bob')).get('/api/admin/break-glass/holders')).json();
  expect(listed.holders).toHaveLength(2);
  expect((await (await as(playwright, baseURL, 'carol')).get('/api/admin/break-glass/holders')).status()).toBe(403);
});
