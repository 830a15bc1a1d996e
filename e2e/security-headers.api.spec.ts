import { type APIRequestContext, type APIResponse, expect, test } from '@playwright/test';
import { NO_DEMO_PORT, SSO_PORT } from '../playwright.config';
import { ACCOUNTS, signIn } from './helpers';
import { appRoutes, fillPattern, isPublicPage, MUTATING_METHODS } from './support/app-routes';

const routes = appRoutes();
const publicPages = routes.filter(isPublicPage).filter((r) => r.params.length === 0);
const consolePages = routes.filter((r) => r.kind === 'page' && !isPublicPage(r) && r.params.length === 0);
const FILES = ['/subprocessors.json', '/subprocessors/feed.xml', '/.well-known/security.txt', '/.well-known/audit-signing-key.json', '/api/health'];

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function expectCommonHeaders(response: APIResponse, where: string) {
  const h = response.headers();
  expect(h['x-content-type-options'], where).toBe('nosniff');
  expect(h['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(h['x-frame-options'], where).toBe('DENY');
  expect(h['permissions-policy'], where).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(h['cross-origin-opener-policy'], where).toBe('same-origin');
  expect(h['x-powered-by'], where).toBeUndefined();
  expect(directives(h['content-security-policy']).get('frame-ancestors'), where).toEqual(["'none'"]);
}

/** A page's policy is strict and nonce-based, and every script in the HTML carries that nonce. */
async function expectStrictPagePolicy(response: APIResponse, where: string): Promise<string> {
  expectCommonHeaders(response, where);
  const csp = directives(response.headers()['content-security-policy']);
  const scripts = csp.get('script-src') ?? [];
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, `${where}: script-src has a nonce`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(scripts, where).not.toContain("'unsafe-inline'");
  expect(scripts, where).not.toContain("'unsafe-eval'");
  expect(csp.get('style-src') ?? [], where).not.toContain("'unsafe-inline'");
  expect(csp.get('default-src'), where).toEqual(["'self'"]);
  expect(csp.get('object-src'), where).toEqual(["'none'"]);
  expect(csp.get('base-uri'), where).toEqual(["'none'"]);
  // https: for the sign-on form's redirects through WorkOS to the identity provider.
  expect(csp.get('form-action'), where).toEqual(["'self'", 'https:']);
  const html = await response.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, `${where}: the page has scripts`).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, `${where}: every script carries the nonce`).toContain(`nonce="${nonce}"`);
  for (const tag of html.match(/<style\b[^>]*>/g) ?? []) expect(tag, `${where}: every style element carries the nonce`).toContain(`nonce="${nonce}"`);
  expect(html, `${where}: no inline style attributes`).not.toMatch(/<[a-z][^>]*\sstyle="/i);
  return nonce!;
}

test.describe('security headers', () => {
  test('the file system yields the public pages the checks run on', () => {
    expect(publicPages.map((p) => p.pattern)).toEqual(expect.arrayContaining(['/', '/subprocessors', '/documents', '/security', '/certifications']));
  });

  for (const page of publicPages) {
    test(`public page ${page.pattern}: strict CSP with a fresh nonce per response, and the fixed headers`, async ({ request }) => {
      const first = await request.get(page.pattern, { maxRedirects: 0 });
      expect(first.status(), page.pattern).toBe(200);
      const nonce = await expectStrictPagePolicy(first, page.pattern);
      const second = await request.get(page.pattern, { maxRedirects: 0 });
      expect(await expectStrictPagePolicy(second, page.pattern)).not.toBe(nonce);
      expect(first.headers()['strict-transport-security'], 'no HSTS over plain HTTP').toBeUndefined();
    });
  }

  test('every console page a signed-in user opens has the same strict policy', async ({ playwright, baseURL }) => {
    test.setTimeout(120_000);
    const staff = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.61' } });
    const customer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.62' } });
    await signIn(staff, ACCOUNTS.alice);
    await signIn(customer, ACCOUNTS.carol);
    for (const page of consolePages) {
      const as = page.pattern.startsWith('/console') ? customer : staff;
      // Followed: /account sends each user to their own console's account page.
      const response = await as.get(page.pattern);
      expect(response.status(), page.pattern).toBe(200);
      await expectStrictPagePolicy(response, page.pattern);
    }
    await staff.dispose();
    await customer.dispose();
  });

  test('files and JSON are never framed and never sniffed', async ({ request }) => {
    const documents = await (await request.get('/documents')).text();
    const pdf = /href="(\/documents\/[a-z0-9-]+\.pdf)"/.exec(documents)?.[1];
    expect(pdf, 'a public document to download').toBeTruthy();
    for (const path of [...FILES, pdf!]) {
      // Twice: the second answer of a public PDF comes from the copy its route keeps in memory.
      for (const attempt of [1, 2]) {
        const response = await request.get(path);
        expect(response.status(), path).toBe(200);
        expectCommonHeaders(response, `${path} (${attempt})`);
      }
    }
  });

  test('behind an HTTPS proxy: HSTS on pages and files, and the session cookie is Secure', async ({ playwright, baseURL }) => {
    // The main server trusts X-Forwarded-Proto (TRUST_PROXY=1), as behind a TLS-terminating proxy.
    const https = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.63' } });
    for (const path of ['/', '/subprocessors', '/subprocessors.json']) {
      const response = await https.get(path);
      expect(response.headers()['strict-transport-security'], path).toBe('max-age=63072000; includeSubDomains');
    }
    const signedIn = await https.post('/api/auth/demo', { data: { email: ACCOUNTS.dan } });
    expect(signedIn.status()).toBe(200);
    expectSessionCookie(signedIn, { secure: true });
    await https.dispose();
  });

  test('a forged X-Forwarded-Proto buys no HSTS from a server that trusts no proxy', async ({ playwright }) => {
    const direct = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${NO_DEMO_PORT}`, extraHTTPHeaders: { 'X-Forwarded-Proto': 'https' } });
    const response = await direct.get('/');
    expect(response.status()).toBe(200);
    expect(response.headers()['strict-transport-security']).toBeUndefined();
    await expectStrictPagePolicy(response, '/ on the no-proxy server');
    await direct.dispose();
  });
});

function expectSessionCookie(response: APIResponse, { secure, name = 'tc_session', path = '/' }: { secure: boolean; name?: string; path?: string }) {
  const cookie = response.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${name}=`))?.value;
  expect(cookie, `the ${name} cookie is set`).toBeTruthy();
  const attributes = cookie!.split(';').map((a) => a.trim().toLowerCase());
  expect(attributes).toContain('httponly');
  expect(attributes).toContain('samesite=lax');
  expect(attributes).toContain(`path=${path}`);
  if (secure) expect(attributes).toContain('secure');
  else expect(attributes).not.toContain('secure');
}

test.describe('cookies', () => {
  test('the session cookie is HttpOnly and SameSite=Lax, not Secure over plain HTTP; sign-out clears it', async ({ playwright, baseURL }) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.64' } });
    expectSessionCookie(await signIn(context, ACCOUNTS.dan), { secure: false });
    const out = await context.post('/api/auth/signout', { maxRedirects: 0 });
    expect(out.status()).toBeLessThan(400);
    const cleared = out.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('tc_session='))?.value ?? '';
    expect(cleared).toMatch(/tc_session=;|expires=Thu, 01 Jan 1970|max-age=0/i);
    await context.dispose();
  });

  test('the single sign-on state cookie is HttpOnly, SameSite=Lax and sent only to the callback', async ({ playwright }) => {
    const sso = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${SSO_PORT}` });
    const started = await sso.post('/api/auth/sso', { form: { email: ACCOUNTS.carol }, maxRedirects: 0 });
    expect(started.status()).toBe(303);
    expectSessionCookie(started, { secure: false, name: 'tc_sso', path: '/api/auth/callback' });
    await sso.dispose();
  });
});

test.describe('cross-origin requests', () => {
  const mutations = routes
    .filter((r) => r.kind === 'handler')
    .flatMap((r) => r.methods.filter((m) => MUTATING_METHODS.includes(m)).map((method) => ({ route: r, method })));

  async function expectRefused(context: APIRequestContext, headers: Record<string, string>) {
    for (const { route, method } of mutations) {
      const url = fillPattern(route.pattern, Object.fromEntries(route.params.map((p) => [p, p === 'slug' ? 'acme' : '00000000-0000-4000-8000-000000000000'])));
      const response = await context.fetch(url, { method, data: {}, headers, maxRedirects: 0 });
      expect(response.status(), `${method} ${url} with ${JSON.stringify(headers)}`).toBe(403);
      expect((await response.json()).error.code, `${method} ${url}`).toBe('cross_origin_request');
    }
  }

  test('every state-changing endpoint refuses a request from another site, even with a valid session', async ({ playwright, baseURL }) => {
    test.setTimeout(120_000);
    expect(mutations.length).toBeGreaterThan(40);
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.65' } });
    await signIn(context, ACCOUNTS.alice);
    await expectRefused(context, { Origin: 'https://evil.example' });
    await expectRefused(context, { Origin: 'null' });
    await expectRefused(context, { 'Sec-Fetch-Site': 'cross-site' });
    // The same session from the site itself still works.
    const own = await context.post('/api/notifications/read', { data: {}, headers: { Origin: baseURL! } });
    expect(own.status()).not.toBe(403);
    await context.dispose();
  });
});
