import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/** Every page a visitor reaches without signing in. */
const PUBLIC_PAGES = [
  '/',
  '/certifications',
  '/security',
  '/subprocessors',
  '/documents',
  '/updates',
  '/vulnerability-disclosure',
  '/governance-log',
  '/sign-in',
];

for (const path of PUBLIC_PAGES) {
  test(`${path} has no axe-core violations, a title and a description, and sets no cookie`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['set-cookie']).toBeUndefined();
    expect(await page.title()).not.toBe('');
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{20,}/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);

    expect(await page.context().cookies()).toEqual([]);
    const name = path === '/' ? 'overview' : path.slice(1).replaceAll('/', '-');
    await page.screenshot({ path: `test-results/screens/public-${name}.png`, fullPage: true });
  });
}

test('the portal is usable from the keyboard: skip link first, then the main navigation', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Sub-processors' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/subprocessors$/);
});

test('public pages fit a phone screen without sideways scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const path of PUBLIC_PAGES) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  await page.goto('/subprocessors');
  await page.screenshot({ path: 'test-results/screens/public-subprocessors-mobile.png', fullPage: true });
  await context.close();
});

test('no page loads anything from another origin', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') foreign.push(request.url());
  });
  for (const path of PUBLIC_PAGES) await page.goto(path);
  expect(foreign).toEqual([]);
});
