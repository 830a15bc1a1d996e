import { expect, type Page, test } from '@playwright/test';
import { ACCOUNTS } from './helpers';
import { appRoutes, isPublicPage } from './support/app-routes';

const publicPages = appRoutes()
  .filter((r) => isPublicPage(r) && r.params.length === 0)
  .map((r) => r.pattern);

// Added through the DevTools protocol, which the page's policy does not govern: it records what
// the policy blocks.
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** React has hydrated the page: its scripts ran under the policy. */
const hydrated = (page: Page) =>
  page.waitForFunction(() => Object.keys(document.querySelector('main') ?? {}).some((k) => k.startsWith('__react')), undefined, { timeout: 15_000 });

test('every public page runs its scripts under the policy and breaks none of it', async ({ page }) => {
  test.setTimeout(120_000);
  await recordViolations(page);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  for (const path of publicPages) {
    await page.goto(path);
    await hydrated(page);
    expect(await violations(page), path).toEqual([]);
  }
  expect(consoleErrors).toEqual([]);
});

test('the consoles run under the policy too, including client-side navigation', async ({ page }) => {
  await recordViolations(page);
  await page.goto('/sign-in');
  await page.request.post('/api/auth/demo', { data: { email: ACCOUNTS.carol } });
  await page.goto('/console');
  await hydrated(page);
  await page
    .getByRole('link', { name: /lockbox/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/console\/lockbox/);
  await hydrated(page);
  expect(await violations(page)).toEqual([]);
});

test('markup injected into a page, as a stored XSS would be, does not run its scripts', async ({ page }) => {
  await recordViolations(page);
  // The page as the server sent it, policy header included, with an attacker's markup added.
  await page.route('**/subprocessors', async (route) => {
    const response = await route.fetch();
    const payload = '<script>window.__injected = "inline"</script><img src="/x" onerror="window.__injected = \'attribute\'">';
    await route.fulfill({ response, body: (await response.text()).replace('</main>', `${payload}</main>`) });
  });
  await page.goto('/subprocessors');
  await expect.poll(async () => (await violations(page)).length).toBeGreaterThanOrEqual(2);
  // The page's own scripts, which carry the nonce, still ran.
  await hydrated(page);
  expect(await violations(page)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^script-src-elem inline/), expect.stringMatching(/^script-src-attr inline/)]),
  );
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
});

test('the site cannot be framed by another page', async ({ page, baseURL }) => {
  const refused = page.waitForEvent('console', (m) => /frame-ancestors|X-Frame-Options/.test(m.text()));
  await page.setContent(`<iframe src="${baseURL}/" title="framed"></iframe>`);
  await refused;
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect((await frame?.content().catch(() => '')) ?? '').not.toContain('Trust Center');
});
