import { expect, test } from '@playwright/test';
import { pdfRawText } from '../test/helpers/pdf-tools';
import { ACCOUNTS, signIn } from './helpers';

// One story in order: Globex executes, the vendor publishes a new version, Acme is offered it.
test.describe.configure({ mode: 'serial' });

test('a customer admin executes the DPA and downloads the executed copy', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.erin);
  await page.goto('/console/dpa');
  await expect(page.getByRole('heading', { name: 'Not executed yet' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/console-dpa-unsigned.png', fullPage: true });
  await page.getByLabel('Your job title').fill('Chief Information Security Officer');
  await page.getByLabel(/I have read version \d+ of the DPA and I am authorised to sign it on behalf of Globex Inc/).check();
  await page.getByRole('button', { name: 'Execute the DPA for Globex Inc' }).click();
  await expect(page.getByText('The DPA is executed. Download your copy below.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Execute the DPA/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Executed on / })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/console-dpa.png', fullPage: true });
  const pdf = await page.request.get('/console/dpa.pdf');
  expect(pdf.status()).toBe(200);
  const text = await pdfRawText(await pdf.body());
  expect(text).toContain('Executed by Globex Inc on');
  expect(text).toContain('Erin');
});

test('a customer member sees the DPA but cannot sign it', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.dan);
  await page.goto('/console/dpa');
  await expect(page.getByRole('link', { name: 'Download the executed DPA (PDF)' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Execute/ })).toHaveCount(0);
});

test('a trust admin edits the draft, publishes version 2, and customers are offered it', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.alice);
  await page.goto('/admin/dpa');
  await expect(page.getByRole('heading', { name: 'Version 1 is in force' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/admin-dpa.png', fullPage: true });
  await page.getByLabel('Governing law and forum').fill('The law of the Netherlands; the courts of Amsterdam have jurisdiction.');
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByText('Draft saved. Nothing public changes until you publish it.')).toBeVisible();
  await page.getByLabel('What changed (shown to customers)').fill('Governing law moved to the Netherlands');
  await page.getByRole('button', { name: 'Publish as version 2' }).click();
  await expect(page.getByText(/^Version 2 is published/)).toBeVisible();
  const template = await page.request.get('/documents/dpa.pdf');
  expect(await pdfRawText(await template.body())).toContain('The law of the Netherlands');

  await page.context().clearCookies();
  await signIn(page.request, ACCOUNTS.carol);
  await page.goto('/console/dpa');
  await expect(page.getByRole('heading', { name: 'Execute version 2' })).toBeVisible();
  await expect(page.getByText('Governing law moved to the Netherlands')).toBeVisible();
});
