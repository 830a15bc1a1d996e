import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, signIn } from './helpers';

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('a customer admin reads the timeline, filters it, and verifies the log in the browser', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.carol);
  await page.goto('/console/governance');
  await expect(page.getByRole('heading', { level: 1, name: 'Governance log' })).toBeVisible();
  await page.getByRole('button', { name: 'Verify the current log' }).click();
  await expect(page.locator('[data-verify="ok"]')).toContainText(/Verified: .* is intact\./);
  await expect(page.locator('[data-verify="ok"]')).toContainText(/^.*OK tenant:[0-9a-f-]{36} \(acme\)/);
});

test('the timeline filters by kind of event', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.carol);
  await page.request.post('/api/governance/export');
  await page.goto('/console/governance');
  await page.getByLabel('Kind of event').selectOption('exports');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/category=exports/);
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-event', /^(governance|privacy)\./);
  await expect(rows.first()).toContainText('Carol Clark');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/console-governance.png', fullPage: true });
});

test('the console’s governance page at 1280 and 390 px: the download is a form post, and axe finds nothing', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page.request, ACCOUNTS.carol);
  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/console/governance');
    const download = page.getByRole('button', { name: 'Download the log (.jsonl)' });
    await expect(download).toBeVisible();
    const form = download.locator('xpath=ancestor::form');
    await expect(form).toHaveAttribute('method', 'post');
    await expect(form).toHaveAttribute('action', '/api/governance/export');
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/console-governance-${width}.png`, fullPage: true });
  }
});

test('the timeline says when nothing matches, and which filter it could not use', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.carol);
  await page.goto('/console/governance?from=2001-01-01&to=2001-01-02');
  await expect(page.getByText('No events match these filters')).toBeVisible();
  await page.goto('/console/governance?from=2026-13-45&category=nonsense');
  const problems = page.locator('main [role=alert]');
  await expect(problems).toContainText('That date does not exist.');
  await expect(problems).toContainText('Choose a kind of event from the list.');
  await expect(page.locator('tbody tr').first()).toBeVisible();
});

test('a downloaded log verifies from disk, and a tampered copy fails naming the event', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.carol);
  await page.goto('/console/governance');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the log (.jsonl)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^governance-log-acme-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const text = Buffer.from(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks))).toString('utf8');
  await page
    .getByText('Verify a downloaded file…')
    .locator('input[type=file]')
    .setInputFiles({ name: 'log.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
  await expect(page.locator('[data-verify="ok"]')).toContainText('Verified: log.jsonl is intact.');

  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.startsWith('{"event":'));
  lines[index] = lines[index].replace('"reason":"', '"reason":"X');
  await page
    .getByText('Verify a downloaded file…')
    .locator('input[type=file]')
    .setInputFiles({ name: 'tampered.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.locator('[data-verify="failed"]')).toContainText(`FAILED at line ${index + 1}, event 1`);
});

test('a trust admin reads the vendor chain; support staff are refused', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page.request, ACCOUNTS.alice);
  await page.goto('/admin/governance');
  await expect(page.getByText(/events in the vendor chain, newest first/)).toBeVisible();
  await page.getByRole('button', { name: 'Verify the current log' }).click();
  await expect(page.locator('[data-verify="ok"]')).toContainText('OK vendor');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/admin-governance.png', fullPage: true });
  await signIn(page.request, ACCOUNTS.bob);
  const response = await page.goto('/admin/governance');
  expect(response?.status()).toBe(403);
});

test('a customer user sees their account page, downloads their data, and is told what deletion does', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.dan);
  await page.goto('/console/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download your data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^personal-data-\d{4}-\d{2}-\d{2}\.json$/);
  await page.getByLabel('Type your e-mail address to confirm').fill('wrong@acme.example');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/console\/account\?error=confirmation_mismatch$/);
  await expect(page.locator('main [role=alert]')).toContainText('Type your own e-mail address exactly');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/console-account.png', fullPage: true });
});
