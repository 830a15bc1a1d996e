import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, expectNoAxeViolations, shootBothWidths, switchUser } from './helpers';

// Acme's chain and the vendor's: the API test of the same server works on globex's.
test.describe.configure({ mode: 'serial' });
test.setTimeout(60_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** The page's own alerts (Next.js keeps an empty one for route announcements). */
const alert = (page: Page) => page.locator('p[role="alert"]');

/** Removes the endpoint with this URL through its button, and waits for the page to say so. */
async function removeEndpoint(page: Page, url: string) {
  await page
    .locator('li')
    .filter({ hasText: url })
    .getByRole('button', { name: `Remove ${url}` })
    .click();
  await expect(page.getByRole('status')).toContainText('The endpoint was removed');
}

/** Adds an endpoint through the page's form and returns the secret it shows. */
async function addEndpoint(page: Page, url: string, description: string) {
  await page.getByLabel('Webhook URL').fill(url);
  await page.getByLabel('Description (optional)').fill(description);
  await page.getByRole('button', { name: 'Add the endpoint' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'Endpoint added' });
  await expect(shown).toContainText(url);
  const secret = await shown.getByLabel('Signing secret').inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  // The list is refreshed with the new endpoint, and the secret stays shown only here.
  await expect(page.locator('li').filter({ hasText: url })).toBeVisible();
  return secret;
}

test('a customer admin adds an endpoint, sees its secret once, tests it and removes it', async ({ page }) => {
  await switchUser(page, ACCOUNTS.carol);
  await page.goto('/console/governance/forwarding');
  await expect(page.getByRole('heading', { level: 1, name: 'Forwarding to a SIEM' })).toBeVisible();
  await shootBothWidths(page, '/tmp/shots-siem', 'console-forwarding-empty');
  await expectNoAxeViolations(page);

  const url = `https://siem-${RUN}.acme.example/hooks`;
  // A refused URL says why and adds nothing.
  await page.getByLabel('Webhook URL').fill('https://10.0.0.5/hooks');
  await page.getByRole('button', { name: 'Add the endpoint' }).click();
  await expect(alert(page)).toContainText('private');

  const secret = await addEndpoint(page, url, 'Acme SOC');
  await shootBothWidths(page, '/tmp/shots-siem', 'console-forwarding-added');
  await expectNoAxeViolations(page);

  await page.reload();
  const card = page.locator('li').filter({ hasText: url });
  await expect(card).toContainText('Acme SOC');
  await expect(card).toContainText('Enabled');
  expect(await page.content()).not.toContain(secret.slice('whsec_'.length));

  // A documentation host is never contacted: the test message fails and says so.
  await card.getByRole('button', { name: `Send a test message to ${url}` }).click();
  await expect(alert(page)).toContainText('could not be delivered');

  // A new secret is shown once, after a confirmation.
  const listed = page.locator('li').filter({ hasText: url });
  await listed.getByRole('button', { name: `New signing secret for ${url}` }).click();
  await listed.getByRole('button', { name: 'Change the secret' }).click();
  const rotated = await listed.getByLabel('New signing secret').inputValue();
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
  await shootBothWidths(page, '/tmp/shots-siem', 'console-forwarding-rotated');
  await page.reload();
  expect(await page.content()).not.toContain(rotated.slice('whsec_'.length));

  await expect(page.getByRole('heading', { name: 'Recent deliveries' })).toBeVisible();
  await shootBothWidths(page, '/tmp/shots-siem', 'console-forwarding-list');

  await removeEndpoint(page, url);
  await expect(page.locator('li').filter({ hasText: url })).toHaveCount(0);
});

test('customer members get a 403, staff cannot open the console page', async ({ page }) => {
  await switchUser(page, ACCOUNTS.dan);
  const response = await page.goto('/console/governance/forwarding');
  expect(response?.status()).toBe(403);
  await switchUser(page, ACCOUNTS.bob);
  expect((await page.goto('/admin/governance/forwarding'))?.status()).toBe(403);
});

test('a trust admin forwards the vendor chain from the admin console', async ({ page }) => {
  await switchUser(page, ACCOUNTS.alice);
  await page.goto('/admin/governance/forwarding');
  await expect(page.getByRole('heading', { level: 1, name: 'Forwarding to a SIEM' })).toBeVisible();
  await expect(page.getByText('the vendor’s governance log', { exact: false }).first()).toBeVisible();
  const url = `https://siem-${RUN}.vendor.example/hooks`;
  await addEndpoint(page, url, 'Vendor SOC');
  await page.reload();
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots-siem', 'admin-forwarding');
  await removeEndpoint(page, url);
});
