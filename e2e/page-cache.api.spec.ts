import { expect, test } from '@playwright/test';
import { ACCOUNTS, signIn } from './helpers';

// scripts/page-cache.mjs: public pages kept in memory for visitors without a cookie.
const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1] ?? '';

test('a kept page is the same page, each copy with its own nonce in the policy and every script', async ({ request }) => {
  const first = await request.get('/security');
  const second = await request.get('/security');
  const [a, b] = [nonceOf(first.headers()['content-security-policy']), nonceOf(second.headers()['content-security-policy'])];
  expect(a).not.toBe(b);
  const [htmlA, htmlB] = [await first.text(), await second.text()];
  expect(htmlB).not.toContain(a);
  expect(htmlB.split(b).join('NONCE')).toBe(htmlA.split(a).join('NONCE'));
  expect(htmlB.match(/<script\b[^>]*>/g)?.every((tag) => tag.includes(`nonce="${b}"`))).toBe(true);
});

test('pages are compressed for clients that take gzip, whether rendered or kept', async ({ request }) => {
  const url = `/certifications?fresh=${Date.now()}`;
  for (const attempt of ['rendered', 'kept']) {
    const gzipped = await request.get(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzipped.headers()['content-encoding'], attempt).toBe('gzip');
    expect(await gzipped.text(), attempt).toContain('</html>');
  }
  const plain = await request.get(url, { headers: { 'Accept-Encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
});

test('a signed-in visitor never gets the anonymous copy, and the anonymous copy never holds a signed-in page', async ({ playwright, baseURL, request }) => {
  await request.get('/');
  const carol = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.71' } });
  await signIn(carol, ACCOUNTS.carol);
  expect(await (await carol.get('/')).text()).toContain('My account');
  expect(await (await request.get('/')).text()).not.toContain('My account');
  await carol.dispose();
});

test('a staff change shows on the public page at once', async ({ playwright, baseURL, request }) => {
  await request.get('/updates');
  const alice = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.72' } });
  await signIn(alice, ACCOUNTS.alice);
  const title = `Cache check ${Date.now()}`;
  const posted = await alice.post('/api/admin/updates', { data: { title, body: 'A post made to prove the public page follows at once.'} });
  expect(posted.status(), await posted.text()).toBeLessThan(300);
  expect(await (await request.get('/updates')).text()).toContain(title);
  await alice.dispose();
});
