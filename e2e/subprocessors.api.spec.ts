import { expect, test, type APIRequestContext } from '@playwright/test';
import { parseFeed } from '../test/helpers/feedparser';
import { ACCOUNTS, signIn } from './helpers';

// Read-only and refused requests only: the flows that change sub-processors or subscriptions
// run in order in subprocessors.ui.spec.ts.

test('/subprocessors.json lists current and upcoming sub-processors with all their fields, cacheably', async ({ request }) => {
  const response = await request.get('/subprocessors.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers()['cache-control']).toContain('public');
  expect(response.headers()['set-cookie']).toBeUndefined();
  const body = await response.json();
  expect(Object.keys(body)).toEqual(['vendor', 'updated_at', 'notice_days', 'links', 'current', 'upcoming']);
  expect(body.vendor).toBe('Northwind Cloud');
  expect(Date.parse(body.updated_at)).not.toBeNaN();
  expect(body.current.length).toBeGreaterThanOrEqual(8);
  const aws = body.current.find((s: { id: string }) => s.id === 'amazon-web-services');
  expect(Object.keys(aws).sort()).toEqual(
    ['data_categories', 'effective_date', 'id', 'locations', 'name', 'processes_customer_records', 'purpose', 'status', 'transfer_mechanism', 'website'].sort(),
  );
  expect(aws).toMatchObject({ status: 'active', processes_customer_records: true, locations: ['IE', 'DE'] });
  expect(body.upcoming).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: 'Intercom', change: 'add', status: 'pending_addition', processes_customer_records: false })]),
  );

  const again = await request.get('/subprocessors.json', { headers: { 'If-None-Match': response.headers().etag } });
  expect([200, 304]).toContain(again.status()); // 304 unless a change landed in between
});

test('/subprocessors/feed.xml is an Atom feed of announced changes with stable ids', async ({ request, playwright, baseURL }) => {
  const response = await request.get('/subprocessors/feed.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  const xml = await response.text();
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
  expect(xml).toContain(`<link rel="self" href="${baseURL}/subprocessors/feed.xml"/>`);
  expect(xml).toContain(`<link rel="alternate" href="${baseURL}/subprocessors"/>`);
  expect(xml).toMatch(/<author>\s*<name>Northwind Cloud<\/name>/);
  expect(xml).toContain('New sub-processor: Intercom, effective');
  const idsOf = (text: string) => [...text.matchAll(/<id>(urn:uuid:[0-9a-f-]{36})<\/id>/g)].map((m) => m[1]);
  expect(idsOf(xml).length).toBeGreaterThanOrEqual(10);
  expect(new Set(idsOf(xml)).size).toBe(idsOf(xml).length);
  // Each change's entry id is its change's id (read here from the database through the staff API), in every copy
  // of the feed. (Polled: a freshly started server may first answer from a cache an earlier run left behind.)
  const alice = await newAlice(playwright, baseURL!);
  const admin = await (await alice.get('/api/admin/subprocessors')).json();
  await alice.dispose();
  const intercom = admin.upcoming.find((u: { name: string }) => u.name === 'Intercom');
  await expect.poll(async () => idsOf(await (await request.get('/subprocessors/feed.xml')).text())).toContain(`urn:uuid:${intercom.id}`);
  expect(idsOf(await (await request.get('/subprocessors/feed.xml')).text())).toContain(`urn:uuid:${intercom.id}`);
});

test('a news title with markup, posted through the staff API, reaches feed readers as that literal text', async ({ request, playwright, baseURL }) => {
  const title = `Feed check ${Date.now()} <img src=x onerror=alert(1)>`;
  const alice = await newAlice(playwright, baseURL!);
  const posted = await alice.post('/api/admin/updates', { data: { title, body: 'Markup in a title is text: <b>not bold</b>.' } });
  expect(posted.status()).toBe(201);
  const { update } = await posted.json();
  try {
    const entryOf = async () => parseFeed(await (await request.get('/subprocessors/feed.xml')).text()).entries.find((e) => e.id === `urn:uuid:${update.id}`);
    await expect.poll(entryOf).toBeDefined();
    const feed = parseFeed(await (await request.get('/subprocessors/feed.xml')).text());
    expect(feed.bozo, feed.bozoException ?? '').toBe(false);
    const entry = feed.entries.find((e) => e.id === `urn:uuid:${update.id}`)!;
    expect(entry.title).toBe(title);
    expect(entry.titleType).toBe('text/plain');
    expect(entry.content[0].value).toBe('<p>Markup in a title is text: &lt;b&gt;not bold&lt;/b&gt;.</p>');
  } finally {
    expect((await alice.delete(`/api/admin/updates/${update.id}`)).status()).toBe(200);
    await alice.dispose();
  }
});

const STAFF_ENDPOINTS = [
  ['GET', '/api/admin/subprocessors'],
  ['GET', '/api/admin/subprocessors/subscribers'],
  ['POST', '/api/admin/subprocessors/changes'],
  ['POST', '/api/admin/subprocessors/announce'],
  ['POST', '/api/admin/subprocessors/changes/00000000-0000-4000-8000-000000000000/cancel'],
] as const;

async function call(request: APIRequestContext, method: 'GET' | 'POST', path: string) {
  return method === 'GET'
    ? request.get(path)
    : request.post(path, {
        data: {
          kind: 'add',
          name: 'Sneaky',
          purpose: 'x',
          dataCategories: ['x'],
          locations: ['US'],
          transferMechanism: 'x',
          website: 'https://x.example',
          processesCustomerRecords: false,
          effectiveDate: '2099-01-01',
        },
      });
}

test('support engineers, customer members and signed-out callers cannot use the sub-processor staff tools', async ({ playwright, baseURL }) => {
  for (const [who, status] of [
    [ACCOUNTS.bob, 403],
    [ACCOUNTS.dan, 403],
    [ACCOUNTS.carol, 403],
    [null, 401],
  ] as const) {
    const request = await playwright.request.newContext({ baseURL });
    if (who) await signIn(request, who);
    for (const [method, path] of STAFF_ENDPOINTS) {
      const response = await call(request, method, path);
      expect(response.status(), `${who} ${method} ${path}`).toBe(status);
      expect((await response.json()).error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
    }
    for (const page of ['/admin/subprocessors', '/admin/subprocessors/new', '/admin/subprocessors/subscribers', '/admin/subprocessors/stripe/change']) {
      const response = await request.get(page, { maxRedirects: 0 });
      if (who) expect(response.status(), `${who} ${page}`).toBe(403);
      else expect(response.headers().location, page).toMatch(/^\/sign-in\?next=/);
      expect(await response.text()).not.toContain('@buyer.example');
    }
    await request.dispose();
  }
  const alice = await newAlice(playwright, baseURL!);
  expect(JSON.stringify(await (await alice.get('/api/admin/subprocessors')).json())).not.toContain('Sneaky');
  await alice.dispose();
});

async function newAlice(playwright: { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } }, baseURL: string) {
  const request = await playwright.request.newContext({ baseURL });
  await signIn(request, ACCOUNTS.alice);
  return request;
}

test('bad input to the staff tools gets a clear message and changes nothing', async ({ playwright, baseURL }) => {
  const alice = await newAlice(playwright, baseURL!);
  const valid = {
    kind: 'add',
    name: 'Bad Input Co',
    purpose: 'Testing',
    dataCategories: ['Names'],
    locations: ['US'],
    transferMechanism: 'SCCs',
    website: 'https://bad-input.example',
    processesCustomerRecords: true,
    effectiveDate: '2099-01-01',
  };
  const refused = async (data: unknown, status: number, message: RegExp | string) => {
    const response = await alice.post('/api/admin/subprocessors/changes', { data });
    expect(response.status(), JSON.stringify(data)).toBe(status);
    const { error } = await response.json();
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    return error;
  };
  await refused({ ...valid, locations: ['US', 'UK'] }, 400, /locations\.1: “UK” is not an ISO 3166-1 alpha-2 country code/);
  await refused({ ...valid, website: 'javascript:alert(1)' }, 400, /website: Enter the website as a full http:\/\/ or https:\/\/ address/);
  await refused({ ...valid, effectiveDate: '2099-02-30' }, 400, /effectiveDate: Enter a real calendar date/);
  await refused({ ...valid, processesCustomerRecords: 'yes' }, 400, /processesCustomerRecords: Say whether it processes customer records/);
  await refused({ ...valid, name: '' }, 400, /name: Enter the name/);
  await refused({ ...valid, kind: 'rename' }, 400, /kind/);
  const today = new Date().toISOString().slice(0, 10);
  await refused(
    { kind: 'remove', subprocessor: 'stripe', effectiveDate: '2000-01-01' },
    409,
    'Stripe is not a sub-processor on 2000-01-01, so it cannot be removed then.',
  );
  const tooEarly = await refused(
    { ...valid, effectiveDate: today },
    422,
    /^Bad Input Co processes customer records, so it needs 90 days' notice: the earliest effective date is \d{4}-\d{2}-\d{2}\.$/,
  );
  expect(tooEarly.code).toBe('notice_too_short');
  await refused({ ...valid, kind: 'update', subprocessor: 'no-such-thing' }, 404, 'There is no sub-processor “no-such-thing”.');
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await refused(
    { kind: 'remove', subprocessor: 'stripe', effectiveDate: yesterday },
    422,
    /^The effective date cannot be in the past: the earliest effective date is /,
  );
  const bad = await alice.post('/api/admin/subprocessors/changes', { headers: { 'content-type': 'application/json' }, data: '{not json' });
  expect(bad.status()).toBe(400);
  expect((await alice.post('/api/admin/subprocessors/changes/not-a-uuid/cancel')).status()).toBe(404);

  const view = await (await alice.get('/api/admin/subprocessors')).json();
  expect(JSON.stringify(view)).not.toContain('Bad Input Co');
  await alice.dispose();
});

test('confirm and unsubscribe links refuse bad tokens, and cross-site posts are refused', async ({ request }) => {
  for (const path of ['/api/subscriptions/confirm', '/api/subscriptions/unsubscribe']) {
    for (const token of ['', 'short', 'A'.repeat(43)]) {
      const response = await request.post(path, { data: { token } });
      expect(response.status(), `${path} ${token}`).toBe(404);
      expect((await response.json()).error.code).toBe('invalid_link');
    }
  }
  const oneClick = await request.post(`/api/subscriptions/unsubscribe?token=${'B'.repeat(43)}`, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(oneClick.status()).toBe(404);
  const crossSite = await request.post('/api/subscriptions', { headers: { Origin: 'https://evil.example' }, form: { email: 'victim@buyer.example' } });
  expect(crossSite.status()).toBe(403);
});
