import { expect, test } from '@playwright/test';

test('Carol signs in from the sign-in page and sees the Acme console', async ({ page }) => {
  await page.goto('/console');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fconsole$/);
  await expect(page.getByRole('region', { name: 'Demo mode' })).toContainText('Demo sign-in is on');
  await page.getByRole('button', { name: 'Sign in as Carol Clark' }).click();

  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Corp' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toContainText('carol@acme.example');
  await expect(page.getByRole('heading', { name: 'Your data held by the vendor' })).toBeVisible();
  await expect(page.getByText('Case 48211: export job stalls at 80%')).toBeVisible();
  await expect(page.getByText('Case 50977')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/console.png', fullPage: true });

  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();

  await page.goto('/console');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
  await expect(page.getByRole('status')).toHaveText('You have signed out.');
  await page.goto('/console');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('staff sign in with an e-mail address and land in the admin', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Account e-mail').fill('alice@vendor.example');
  await page.getByRole('button', { name: 'Sign in as this account' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Welcome, Alice' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Acme Corp' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/admin.png', fullPage: true });
  await page.goto('/');
  await page.getByRole('link', { name: 'My account' }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test('the overview and sign-in pages render for visitors', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Trust Center/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/home.png', fullPage: true });
  await page.goto('/sign-in?error=unknown_account');
  await expect(page.getByText('There is no active account')).toHaveText('There is no active account with that e-mail address.');
  await page.screenshot({ path: 'test-results/screens/sign-in.png', fullPage: true });
});

test('a customer admin maps a directory group to a role from the console', async ({ page }) => {
  await page.request.post('/api/auth/demo', { data: { email: 'erin@globex.example' } });
  await page.goto('/console');
  await page.getByRole('link', { name: 'Users and roles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users and roles' })).toBeVisible();
  await page.getByLabel('Directory group').fill('Globex Security');
  await page.getByRole('combobox', { name: 'Role' }).selectOption('customer_admin');
  await page.getByRole('button', { name: 'Add mapping' }).click();
  await expect(page.getByRole('status')).toHaveText('Mapping saved. Roles were updated.');
  await expect(page.getByRole('cell', { name: 'Globex Security', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/console-users.png', fullPage: true });
  await page.getByRole('button', { name: 'Remove the mapping of Globex Security' }).click();
  await expect(page.getByRole('status')).toHaveText('Mapping removed. Roles were updated.');
  await expect(page.getByRole('cell', { name: 'Globex Security', exact: true })).toHaveCount(0);
});
