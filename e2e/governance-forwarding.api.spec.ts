import { type APIRequestContext, type PlaywrightWorkerArgs, expect, test } from '@playwright/test';
import { ACCOUNTS, signIn } from './helpers';

// Globex's chain: the browser test of the same server works on acme's and the vendor's.
test.describe.configure({ mode: 'serial' });

async function as(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, who: keyof typeof ACCOUNTS | null): Promise<APIRequestContext> {
  const context = await playwright.request.newContext({ baseURL });
  if (who) await signIn(context, ACCOUNTS[who]);
  return context;
}

const RUN = Math.random().toString(36).slice(2, 10);

interface Listed {
  endpoints: { id: string; url: string; description: string; enabled: boolean }[];
}

test('a customer admin adds, lists and removes an endpoint; the secret is shown once', async ({ playwright, baseURL }) => {
  const erin = await as(playwright, baseURL, 'erin');
  const url = `https://siem-${RUN}.globex.example/hooks`;
  const created = await erin.post('/api/governance/forwarding', { data: { url, description: 'Globex SOC' } });
  expect(created.status(), await created.text()).toBe(201);
  expect(created.headers()['cache-control']).toContain('no-store');
  const { endpoint, secret } = (await created.json()) as { endpoint: { id: string; url: string }; secret: string };
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(endpoint).toMatchObject({ url, description: 'Globex SOC', enabled: true });
  expect(endpoint).not.toHaveProperty('secret');

  const listed = await erin.get('/api/governance/forwarding');
  expect(listed.status()).toBe(200);
  const text = await listed.text();
  expect(text).not.toContain(secret.slice('whsec_'.length));
  expect((JSON.parse(text) as Listed).endpoints.map((e) => e.id)).toContain(endpoint.id);
  // The configuration change is in globex's own log.
  const events = (await (await erin.get('/api/governance/events?kind=governance.forwarding')).json()) as { events: { kind: string; subject: string }[] };
  expect(events.events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'governance.forwarding_added', subject: endpoint.id })]));

  const rotated = await erin.post(`/api/governance/forwarding/${endpoint.id}/rotate`);
  expect(rotated.status()).toBe(200);
  const { secret: fresh } = (await rotated.json()) as { secret: string };
  expect(fresh).toMatch(/^whsec_/);
  expect(fresh).not.toBe(secret);
  expect(await (await erin.get('/api/governance/forwarding')).text()).not.toContain(fresh.slice('whsec_'.length));

  const deliveries = await erin.get('/api/governance/forwarding/deliveries?limit=5');
  expect(deliveries.status()).toBe(200);
  expect(await deliveries.text()).not.toContain(secret.slice('whsec_'.length));

  // Nobody else reaches globex's endpoint.
  for (const who of ['carol', 'alice'] as const) {
    expect((await (await as(playwright, baseURL, who)).delete(`/api/governance/forwarding/${endpoint.id}`)).status(), who).toBe(404);
  }
  for (const who of ['dan', 'bob', 'grace'] as const) {
    const other = await as(playwright, baseURL, who);
    expect((await other.get('/api/governance/forwarding')).status(), who).toBe(403);
    expect((await other.delete(`/api/governance/forwarding/${endpoint.id}`)).status(), who).toBe(403);
    expect((await other.post(`/api/governance/forwarding/${endpoint.id}/rotate`)).status(), who).toBe(403);
    expect((await other.post('/api/governance/forwarding', { data: { url: `https://x-${RUN}.example.com/` } })).status(), who).toBe(403);
  }
  const anonymous = await as(playwright, baseURL, null);
  expect((await anonymous.get('/api/governance/forwarding')).status()).toBe(401);

  const removed = await erin.delete(`/api/governance/forwarding/${endpoint.id}`);
  expect(removed.status()).toBe(200);
  expect(await removed.json()).toEqual({ removed: { id: endpoint.id } });
  expect(((await (await erin.get('/api/governance/forwarding')).json()) as Listed).endpoints.map((e) => e.id)).not.toContain(endpoint.id);
  expect((await erin.delete(`/api/governance/forwarding/${endpoint.id}`)).status()).toBe(404);
});

test('bad input gets a 4xx and adds nothing', async ({ playwright, baseURL }) => {
  const erin = await as(playwright, baseURL, 'erin');
  const count = async () => ((await (await erin.get('/api/governance/forwarding')).json()) as Listed).endpoints.length;
  const before = await count();
  const cases: [unknown, number, string][] = [
    [{ url: 'not a url' }, 400, 'invalid_url'],
    [{ url: `http://siem-${RUN}.example.com/hooks` }, 400, 'invalid_url'],
    [{ url: 'https://127.0.0.1/hooks' }, 400, 'invalid_url'],
    [{ url: 'https://169.254.169.254/latest/meta-data' }, 400, 'invalid_url'],
    [{ url: 'https://localhost:8443/' }, 400, 'invalid_url'],
    [{ url: 'https://[::1]/' }, 400, 'invalid_url'],
    [{}, 400, 'invalid_url'],
    [{ url: `https://siem-${RUN}.example.com/`, description: 'x'.repeat(201) }, 400, 'invalid_description'],
  ];
  for (const [data, status, code] of cases) {
    const response = await erin.post('/api/governance/forwarding', { data: data as Record<string, unknown> });
    expect(response.status(), JSON.stringify(data)).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  }
  const broken = await erin.post('/api/governance/forwarding', { headers: { 'content-type': 'application/json' }, data: '{"url":' });
  expect(broken.status()).toBe(400);
  expect((await erin.delete('/api/governance/forwarding/not-an-id')).status()).toBe(404);
  expect(await count()).toBe(before);
});

test('an IPv6 address that embeds a private IPv4 address is refused as a target', async ({ playwright, baseURL }) => {
  const erin = await as(playwright, baseURL, 'erin');
  const count = async () => ((await (await erin.get('/api/governance/forwarding')).json()) as Listed).endpoints.length;
  const before = await count();
  // IPv4-translated 127.0.0.1 (::ffff:0:0:0/96), and the same through 6to4 and NAT64.
  for (const url of ['https://[::ffff:0:7f00:1]/', 'https://[2002:7f00:1::1]/hooks', 'https://[64:ff9b::a9fe:a9fe]/latest/meta-data']) {
    const response = await erin.post('/api/governance/forwarding', { data: { url } });
    expect(response.status(), url).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code, url).toBe('invalid_url');
    expect(error.message, url).toMatch(/^The address .+ is private, loopback, link-local or reserved; events go only to public hosts\.$/);
  }
  expect(await count()).toBe(before);
});
