import { expect, test } from '@playwright/test';
import { ACCOUNTS, signIn } from './helpers';

test('customer admins and trust admins read their own organization’s mappings', async ({ playwright, baseURL }) => {
  for (const [email, group] of [
    [ACCOUNTS.carol, 'Trust Center Admins'],
    [ACCOUNTS.alice, 'Support Engineers'],
  ] as const) {
    const request = await playwright.request.newContext({ baseURL });
    await signIn(request, email);
    const response = await request.get('/api/identity/mappings');
    expect(response.status()).toBe(200);
    const { mappings } = await response.json();
    expect(mappings.map((m: { groupName: string }) => m.groupName)).toContain(group);
    await request.dispose();
  }
});

test('members, support engineers and signed-out callers are refused', async ({ playwright, baseURL }) => {
  for (const [email, status] of [
    [ACCOUNTS.dan, 403],
    [ACCOUNTS.bob, 403],
    [null, 401],
  ] as const) {
    const request = await playwright.request.newContext({ baseURL });
    if (email) await signIn(request, email);
    expect((await request.get('/api/identity/mappings')).status(), String(email)).toBe(status);
    expect((await request.post('/api/identity/mappings', { data: { groupName: 'X', role: 'customer_admin' } })).status()).toBe(status);
    await request.dispose();
  }
});

test('pages: /console/users for customer admins, /admin/users for trust admins', async ({ playwright, baseURL }) => {
  for (const [email, path, status] of [
    [ACCOUNTS.carol, '/console/users', 200],
    [ACCOUNTS.dan, '/console/users', 403],
    [ACCOUNTS.alice, '/admin/users', 200],
    [ACCOUNTS.bob, '/admin/users', 403],
    [ACCOUNTS.carol, '/admin/users', 403],
  ] as const) {
    const request = await playwright.request.newContext({ baseURL });
    await signIn(request, email);
    expect((await request.get(path, { maxRedirects: 0 })).status(), `${email} ${path}`).toBe(status);
    await request.dispose();
  }
});

test('a customer admin adds and removes a mapping; bad input and other tenants are refused', async ({ playwright, baseURL }) => {
  const carol = await playwright.request.newContext({ baseURL });
  await signIn(carol, ACCOUNTS.carol);
  const created = await carol.post('/api/identity/mappings', { data: { groupName: 'Security Team', role: 'customer_admin' } });
  expect(created.status()).toBe(201);
  const { mapping } = await created.json();
  expect((await carol.post('/api/identity/mappings', { data: { groupName: 'security team', role: 'customer_member' } })).status()).toBe(409);
  expect((await carol.post('/api/identity/mappings', { data: { groupName: 'Ops', role: 'trust_admin' } })).status()).toBe(400);
  expect((await carol.post('/api/identity/mappings', { data: { groupName: '', role: 'customer_admin' } })).status()).toBe(400);
  expect((await carol.post('/api/identity/mappings', { data: { groupName: 'x'.repeat(500), role: 'customer_admin' } })).status()).toBe(400);

  const erin = await playwright.request.newContext({ baseURL });
  await signIn(erin, ACCOUNTS.erin);
  expect((await erin.delete(`/api/identity/mappings/${mapping.id}`)).status(), 'another tenant cannot see it').toBe(404);
  const erinsView = await (await erin.get('/api/identity/mappings')).json();
  expect(erinsView.mappings.map((m: { groupName: string }) => m.groupName)).not.toContain('Security Team');

  expect((await carol.delete(`/api/identity/mappings/${mapping.id}`)).status()).toBe(200);
  expect((await carol.delete(`/api/identity/mappings/${mapping.id}`)).status()).toBe(404);
  expect((await carol.delete('/api/identity/mappings/not-a-uuid')).status()).toBe(404);
  await Promise.all([carol.dispose(), erin.dispose()]);
});

test('only a customer admin turns just-in-time provisioning on or off for their tenant', async ({ playwright, baseURL }) => {
  const erin = await playwright.request.newContext({ baseURL });
  await signIn(erin, ACCOUNTS.erin);
  const on = await erin.post('/api/identity/settings', { data: { allowJitProvisioning: true } });
  expect(on.status()).toBe(200);
  expect(await on.json()).toEqual({ allowJitProvisioning: true });
  expect((await erin.post('/api/identity/settings', { data: { allowJitProvisioning: 'yes' } })).status()).toBe(400);
  expect((await erin.post('/api/identity/settings', { data: {} })).status()).toBe(400);
  expect(await (await erin.get('/console/users')).text()).toContain('checked');
  expect((await erin.post('/api/identity/settings', { data: { allowJitProvisioning: false } })).status()).toBe(200);
  for (const [email, status] of [
    [ACCOUNTS.dan, 403],
    [ACCOUNTS.alice, 403],
  ] as const) {
    const other = await playwright.request.newContext({ baseURL });
    await signIn(other, email);
    expect((await other.post('/api/identity/settings', { data: { allowJitProvisioning: true } })).status(), email).toBe(status);
    await other.dispose();
  }
  await erin.dispose();
});
