import { expect, test } from '@playwright/test';
import { SSO_PORT } from '../playwright.config';

test.use({ baseURL: `http://127.0.0.1:${SSO_PORT}` });

test('a customer signs in through their identity provider and lands in the console with their role', async ({ page }) => {
  await page.goto('/console');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fconsole$/);
  await expect(page.getByRole('region', { name: 'Demo mode' })).toHaveCount(0);
  await page.getByLabel('Work e-mail').fill('carol@acme.example');
  await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Corp' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toContainText('carol@acme.example · Customer admin');
  await page.screenshot({ path: 'test-results/screens/sso-console.png', fullPage: true });
});

test('a staff member signs in through the vendor’s identity provider and lands in the admin', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Work e-mail').fill('alice@vendor.example');
  await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId('signed-in-as')).toContainText('alice@vendor.example · Trust admin');
});

test('an e-mail domain no organization uses gets a clear message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Work e-mail').fill('someone@unknown.example');
  await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
  await expect(page.getByText('No organization on this trust center signs in with that e-mail domain.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/sso-sign-in-error.png', fullPage: true });
});
