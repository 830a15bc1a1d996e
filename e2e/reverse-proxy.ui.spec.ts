import { expect, test } from '@playwright/test';
import { PORT } from '../playwright.config';
import { ACCOUNTS, signIn } from './helpers';
import { type Nginx, startNginx } from '../test/helpers/nginx';

// The public portal behind the shipped nginx configuration (deploy/nginx.conf), in front of the
// main test server (which trusts X-Forwarded-*, as behind a proxy).
const NGINX_PORT = PORT + 21;
let nginx: Nginx;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  nginx = await startNginx(PORT, NGINX_PORT);
});
test.afterAll(async () => {
  await nginx?.stop();
});

const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1] ?? '';

test('a cached page is the same page, each answer with its own fresh nonce in the policy and on every script', async ({ request }) => {
  const first = await request.get(`${nginx.url}/security`);
  const second = await request.get(`${nginx.url}/security`);
  expect(second.headers()['x-cache-status']).toBe('HIT');
  const [a, b] = [nonceOf(first.headers()['content-security-policy']), nonceOf(second.headers()['content-security-policy'])];
  for (const nonce of [a, b]) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  expect(a).not.toBe(b);
  const policy = second.headers()['content-security-policy'];
  expect(policy).toContain(`script-src 'self' 'nonce-${b}' 'strict-dynamic'`);
  expect(policy).not.toContain('unsafe-inline');
  const [htmlA, htmlB] = [await first.text(), await second.text()];
  expect(htmlB).not.toContain(a);
  expect(htmlB).not.toContain('NoncePlaceholder');
  expect(htmlB.split(b).join('NONCE')).toBe(htmlA.split(a).join('NONCE'));
  expect(htmlB.match(/<script\b[^>]*>/g)?.every((tag) => tag.includes(`nonce="${b}"`))).toBe(true);
});

test('pages are compressed for clients that take gzip', async ({ request }) => {
  const gzipped = await request.get(`${nginx.url}/certifications`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gzipped.headers()['content-encoding']).toBe('gzip');
  expect(await gzipped.text()).toContain('</html>');
  const plain = await request.get(`${nginx.url}/certifications`, { headers: { 'Accept-Encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
});

test('a signed-in visitor never gets the anonymous copy, and the anonymous copy never holds a signed-in page', async ({ playwright, request }) => {
  await request.get(`${nginx.url}/`);
  const carol = await playwright.request.newContext({ baseURL: nginx.url });
  await signIn(carol, ACCOUNTS.carol);
  const signedIn = await carol.get('/');
  expect(signedIn.headers()['x-cache-status']).toBe('BYPASS');
  expect(await signedIn.text()).toContain('My account');
  const anonymous = await request.get(`${nginx.url}/`);
  expect(await anonymous.text()).not.toContain('My account');
  await carol.dispose();
});

test('sign-in, access links and the API are never cached; public files are', async ({ request }) => {
  for (const path of ['/api/health', '/sign-in', '/access/invalid']) {
    const answers = [await request.get(`${nginx.url}${path}`), await request.get(`${nginx.url}${path}`)];
    for (const answer of answers) expect(answer.headers()['x-cache-status'], path).toBeUndefined();
  }
  await request.get(`${nginx.url}/subprocessors.json`);
  expect((await request.get(`${nginx.url}/subprocessors.json`)).headers()['x-cache-status']).toBe('HIT');
});

test('a staff change shows on the public page within 2 s', async ({ playwright, request }) => {
  await request.get(`${nginx.url}/updates`);
  const alice = await playwright.request.newContext({ baseURL: nginx.url });
  await signIn(alice, ACCOUNTS.alice);
  const title = `Cache check ${Date.now()}`;
  const posted = await alice.post('/api/admin/updates', { data: { title, body: 'A post made to prove the public page follows within seconds.' } });
  expect(posted.status(), await posted.text()).toBeLessThan(300);
  const since = Date.now();
  await expect.poll(async () => (await request.get(`${nginx.url}/updates`)).text(), { timeout: 2_000, intervals: [100] }).toContain(title);
  console.log(`[reverse-proxy] the change showed through nginx after ${Date.now() - since} ms`);
  await alice.dispose();
});

test('in a browser, a page served from the cache hydrates and breaks none of its policy', async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.request.get(`${nginx.url}/subprocessors`);
  const response = await page.goto(`${nginx.url}/subprocessors`);
  expect(response?.headers()['x-cache-status']).toBe('HIT');
  await page.waitForFunction(() => Object.keys(document.querySelector('main') ?? {}).some((k) => k.startsWith('__react')), undefined, { timeout: 15_000 });
  await page.getByRole('link', { name: 'Documents' }).first().click();
  await expect(page).toHaveURL(/\/documents$/);
  expect(violations).toEqual([]);
});
