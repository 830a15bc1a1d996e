import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type PlaywrightWorkerArgs, expect, test } from '@playwright/test';
import { ACCOUNTS, signIn } from './helpers';

interface EventView {
  seq: number;
  kind: string;
  actorKind: string;
  subject: string;
  payload: Record<string, unknown>;
  actor: { name: string | null; email: string | null } | null;
}

async function as(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, who: keyof typeof ACCOUNTS): Promise<APIRequestContext> {
  const context = await playwright.request.newContext({ baseURL });
  await signIn(context, ACCOUNTS[who]);
  return context;
}

/** The reader's chain from `after` on (a customer's: their tenant's; a trust admin's: the vendor's). */
async function chain(reader: APIRequestContext, kind: string, after = 0): Promise<{ events: EventView[]; next: number }> {
  const events: EventView[] = [];
  let next = after;
  for (;;) {
    const response = await reader.get(`/api/governance/events?${kind ? `kind=${kind}&` : ''}after=${next}&limit=200`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { events: EventView[]; next: number };
    events.push(...page.events);
    if (page.events.length < 200) return { events, next: page.next };
    next = page.next;
  }
}

/** The events for `path` appended after `after`, waiting a little for a page's refusal (written once its answer is sent). */
async function refusalsOf(reader: APIRequestContext, path: string, after: number, expected = 1) {
  let found: EventView[] = [];
  await expect
    .poll(async () => {
      found = (await chain(reader, 'auth.refused', after)).events.filter((e) => e.payload.path === path);
      return found.length;
    })
    .toBeGreaterThanOrEqual(expected);
  return found;
}

test('a refused request lands in the refused customer’s chain as auth.refused, by route pattern, coalesced', async ({ playwright, baseURL }) => {
  const dan = await as(playwright, baseURL, 'dan');
  const carol = await as(playwright, baseURL, 'carol');
  const { next } = await chain(carol, 'auth.refused');
  for (let i = 0; i < 3; i++) {
    const refused = await dan.post('/api/identity/settings', { data: { allowJitProvisioning: true } });
    expect(refused.status()).toBe(403);
  }
  const [event, ...more] = await refusalsOf(carol, '/api/identity/settings', next);
  expect(more, 'three refusals within a minute are one event').toEqual([]);
  expect(event).toMatchObject({
    kind: 'auth.refused',
    actorKind: 'customer',
    subject: 'POST /api/identity/settings',
    payload: { method: 'POST', path: '/api/identity/settings', code: 'forbidden', suppressed: 0 },
  });
  // The log names the actor by pseudonym; the console shows who it is, from outside the hashes.
  expect(event.actor?.email).toBe(ACCOUNTS.dan);

  // A form post sent back with the refusal's code is a refusal too; the id in the path is not recorded.
  const form = await dan.post('/api/lockbox/settings', { form: { requestExpiryHours: '12', requiredApprovals: '1' }, maxRedirects: 0 });
  expect(form.status()).toBe(303);
  expect(form.headers().location).toContain('error=forbidden');
  const [formEvent] = await refusalsOf(carol, '/api/lockbox/settings', next);
  expect(formEvent.payload).toMatchObject({ method: 'POST', code: 'forbidden' });
  const id = randomUUID();
  expect((await dan.post(`/api/lockbox/requests/${id}/revoke`, { data: {} })).status()).toBe(403);
  const [withId] = await refusalsOf(carol, '/api/lockbox/requests/[id]/revoke', next);
  expect(JSON.stringify(withId)).not.toContain(id);
});

test('a staff member refused on a tenant is recorded in that tenant’s chain', async ({ playwright, baseURL }) => {
  const bob = await as(playwright, baseURL, 'bob');
  const carol = await as(playwright, baseURL, 'carol');
  const { next } = await chain(carol, 'auth.refused');
  const refused = await bob.post('/api/break-glass', {
    data: {
      tenant: 'acme',
      justification: 'Production incident: exports failing for everyone',
      incident: `INC-${randomUUID().slice(0, 8)}`,
      durationMinutes: 30,
    },
  });
  expect(refused.status()).toBe(403);
  const [event] = await refusalsOf(carol, '/api/break-glass', next);
  expect(event).toMatchObject({ actorKind: 'staff', payload: { code: 'forbidden' } });
  expect(event.actor?.email).toBe(ACCOUNTS.bob);
  expect((await chain(carol, 'support.break_glass_invoked', next)).events).toEqual([]);
});

test('a page answered 403 is recorded once, for the page’s own path', async ({ playwright, baseURL }) => {
  const erin = await as(playwright, baseURL, 'erin');
  const { next } = await chain(erin, 'auth.refused');
  expect((await erin.get('/admin/users', { maxRedirects: 0 })).status()).toBe(403);
  const [event] = await refusalsOf(erin, '/admin/users', next);
  expect(event).toMatchObject({ actorKind: 'customer', subject: 'GET /admin/users', payload: { code: 'forbidden' } });
  // The layout refused as well, beside the page: one event, for the more specific path.
  expect((await chain(erin, 'auth.refused', next)).events.filter((e) => e.payload.path === '/admin')).toEqual([]);
});

test('sign-ins and sign-outs land in the person’s chain, and no event holds an e-mail address', async ({ playwright, baseURL }) => {
  const erin = await as(playwright, baseURL, 'erin');
  const { next } = await chain(erin, 'auth.');
  const again = await playwright.request.newContext({ baseURL });
  await signIn(again, ACCOUNTS.erin);
  expect((await again.post('/api/auth/signout', { data: {} })).status()).toBe(200);
  const { events } = await chain(erin, 'auth.', next);
  expect(events.filter((e) => e.kind === 'auth.signed_in' && e.subject === 'demo').length).toBeGreaterThanOrEqual(1);
  expect(events.filter((e) => e.kind === 'auth.signed_out').length).toBeGreaterThanOrEqual(1);
  for (const e of (await chain(erin, '', 0)).events) expect(JSON.stringify({ subject: e.subject, payload: e.payload }), e.kind).not.toContain('@');
});
