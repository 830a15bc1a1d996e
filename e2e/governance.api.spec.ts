import { type APIRequestContext, type PlaywrightWorkerArgs, expect, test } from '@playwright/test';
import type { PublicJwk } from '../lib/governance/format';
import { verifyLog } from '../lib/governance/verify';
import { nodeVerifyCrypto } from '../lib/governance/verify-node';
import { ACCOUNTS, signIn } from './helpers';

async function as(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, who: keyof typeof ACCOUNTS | null): Promise<APIRequestContext> {
  const context = await playwright.request.newContext({ baseURL });
  if (who) await signIn(context, ACCOUNTS[who]);
  return context;
}

const eventsOf = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{"event":'))
    .map((l) => (JSON.parse(l) as { event: { kind: string; chain: string; actor_kind: string; payload: Record<string, unknown> } }).event);

test('publishes the checkpoint keys as a JWK set anyone can fetch', async ({ request }) => {
  const response = await request.get('/.well-known/audit-signing-key.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['access-control-allow-origin']).toBe('*');
  const { keys } = (await response.json()) as { keys: PublicJwk[] };
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: expect.stringMatching(/^[\w-]{43}$/) });
});

test('a tenant’s users export their own chain, which verifies against the published keys and records the export', async ({ playwright, baseURL, request }) => {
  const { keys } = (await (await request.get('/.well-known/audit-signing-key.json')).json()) as { keys: PublicJwk[] };
  for (const who of ['carol', 'dan'] as const) {
    const user = await as(playwright, baseURL, who);
    const response = await user.post('/api/governance/export');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="governance-log-acme-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const text = await response.text();
    const result = await verifyLog(text, nodeVerifyCrypto, { publicKeys: keys });
    expect(result.ok, result.summary).toBe(true);
    expect(result.summary).toMatch(/^OK tenant:[0-9a-f-]{36} \(acme\): \d+ events/);
    const events = eventsOf(text);
    expect(new Set(events.map((e) => e.chain)).size).toBe(1);
    expect(events.at(-1)).toMatchObject({ kind: 'governance.log_exported', actor_kind: 'customer', payload: { via: 'api' } });
    // One flipped byte in the middle of an event and the file no longer verifies.
    const at = text.indexOf('"reason":"') + 3;
    const tampered = `${text.slice(0, at)}${text[at] === 'x' ? 'y' : 'x'}${text.slice(at + 1)}`;
    expect((await verifyLog(tampered, nodeVerifyCrypto, { publicKeys: keys })).ok).toBe(false);
    await user.dispose();
  }
});

test('each tenant sees only its own chain; trust admins get the vendor chain; other staff and the signed-out are refused', async ({ playwright, baseURL }) => {
  const erin = await as(playwright, baseURL, 'erin');
  const globex = await (await erin.post('/api/governance/export')).text();
  expect(globex).toContain('"slug":"globex"');
  expect(globex).not.toContain('"slug":"acme"');
  const alice = await as(playwright, baseURL, 'alice');
  const vendor = await (await alice.post('/api/governance/export')).text();
  expect(eventsOf(vendor).every((e) => e.chain === 'vendor')).toBe(true);
  expect((await verifyLog(vendor, nodeVerifyCrypto)).ok).toBe(true);
  for (const who of ['bob', 'grace', null] as const) {
    const user = await as(playwright, baseURL, who);
    const response = await user.post('/api/governance/export');
    expect(response.status(), String(who)).toBe(who ? 403 : 401);
    expect(await response.json()).toMatchObject({ error: { code: who ? 'forbidden' : 'unauthenticated' } });
    await user.dispose();
  }
  await Promise.all([erin.dispose(), alice.dispose()]);
});

test('an export is a POST: GET and HEAD are not answered and record nothing; another site’s form post is refused', async ({ playwright, baseURL }) => {
  const carol = await as(playwright, baseURL, 'carol');
  const exports = async () => {
    const body = (await (await carol.get('/api/governance/events?kind=governance.log_exported&after=0&limit=200')).json()) as { events: unknown[] };
    return body.events.length;
  };
  const before = await exports();
  expect((await carol.get('/api/governance/export')).status()).toBe(405);
  expect((await carol.head('/api/governance/export')).status()).toBe(405);
  const crossSite = await carol.post('/api/governance/export', {
    form: { via: 'console' },
    headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
  });
  expect(crossSite.status()).toBe(403);
  expect(await exports()).toBe(before);
  const fromConsole = await carol.post('/api/governance/export', { form: { via: 'console' }, headers: { Origin: new URL(baseURL!).origin } });
  expect(fromConsole.status()).toBe(200);
  expect(eventsOf(await fromConsole.text()).at(-1)).toMatchObject({ kind: 'governance.log_exported', payload: { via: 'console' } });
  expect(await exports()).toBe(before + 1);
  await carol.dispose();
});

test('the events API pages through the chain oldest first, naming people, and refuses bad input', async ({ playwright, baseURL }) => {
  const carol = await as(playwright, baseURL, 'carol');
  await carol.post('/api/governance/export');
  const response = await carol.get('/api/governance/events?kind=governance.&after=0&limit=200');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { events: { seq: number; kind: string; actor: { name: string } | null; hash: string }[]; next: number };
  expect(body.events.length).toBeGreaterThan(0);
  expect(body.events.map((e) => e.seq)).toEqual([...body.events.map((e) => e.seq)].sort((a, b) => a - b));
  expect(body.events.find((e) => e.actor?.name === 'Carol Clark')).toMatchObject({
    kind: 'governance.log_exported',
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  expect(body.next).toBe(body.events.at(-1)?.seq);
  for (const bad of ['limit=1000', 'after=-1', 'kind=DROP%20TABLE']) {
    const refused = await carol.get(`/api/governance/events?${bad}`);
    expect(refused.status(), bad).toBe(400);
  }
  await carol.dispose();
});
