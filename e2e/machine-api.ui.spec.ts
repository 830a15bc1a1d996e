// What people see of the machine API: a trust admin creates a service account and sees its
// secret once; carol sees the accesses the vendor's product reported, beside the grant she
// approved, with the one no grant covered marked. Its own server (port BASE + 19), because
// the reports notify acme's admins, which the shared server's specs count.
import { expect, test } from '@playwright/test';
import { PORT } from '../playwright.config';
import { bobAsksAcme, carolAnswers } from './support/lockbox-http';
import { useOwnApp } from './support/own-app';
import { Client, json, signedIn } from './support/http-client';
import { ACCOUNTS, expectNoAxeViolations, shootBothWidths } from './helpers';

const APP_PORT = PORT + 19;
test.describe.configure({ mode: 'serial' });

const app = useOwnApp(APP_PORT);

async function signInPage(page: import('@playwright/test').Page, email: string) {
  await page.context().clearCookies();
  const response = await page.request.post(`${app().url}/api/auth/demo`, { data: { email } });
  expect(response.status()).toBe(200);
}

test('alice creates a service account, sees its secret once, and revokes it', async ({ page }) => {
  await signInPage(page, ACCOUNTS.alice);
  await page.goto(`${app().url}/admin/service-accounts`);
  await expect(page.getByText('No service accounts yet')).toBeVisible();
  await page.getByLabel('Name').fill('Support tool (production)');
  await page.getByRole('checkbox', { name: /grants:read/ }).check();
  await page.getByRole('button', { name: 'Create the account' }).click();
  const secret = await page.getByLabel('Secret', { exact: true }).inputValue();
  expect(secret).toMatch(/^tcs_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole('row', { name: /Support tool \(production\)/ });
  await expect(row).toContainText('lockbox:check');
  await expect(row).toContainText('grants:read');
  await expect(row).toContainText('Never');
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'admin-service-accounts');

  // The secret works until the account is revoked; after a reload it is nowhere on the page.
  const program = new Client(app().url, '', { authorization: `Bearer ${secret}` });
  expect((await program.post('/api/v1/lockbox/decisions', { tenant: 'acme-1001', staff: { email: ACCOUNTS.bob } })).status).toBe(200);
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  await page.getByRole('button', { name: 'Revoke Support tool (production)' }).click();
  await expect(page.getByText('The service account was revoked.')).toBeVisible();
  expect((await program.post('/api/v1/lockbox/decisions', { tenant: 'acme-1001', staff: { email: ACCOUNTS.bob } })).status).toBe(401);
});

test('carol sees the accesses reported to acme’s data, beside the grant she approved', async ({ page }) => {
  const alice = await signedIn(app().url, ACCOUNTS.alice);
  const { secret } = json<{ secret: string }>(await alice.post('/api/admin/service-accounts', { name: 'Access agent', scopes: ['access:report'] }));
  const agent = new Client(app().url, '', { authorization: `Bearer ${secret}` });
  const report = (reportId: string, extra: Record<string, unknown> = {}) =>
    agent.post('/api/v1/access-reports', {
      reportId,
      tenant: 'acme-1001',
      staff: { email: ACCOUNTS.bob },
      action: 'read',
      resource: 'invoices',
      records: ['inv-1001', 'inv-1002'],
      occurredAt: new Date().toISOString(),
      ...extra,
    });

  await signInPage(page, ACCOUNTS.carol);
  await page.goto(`${app().url}/console/lockbox`);
  await expect(page.getByRole('heading', { name: 'Accesses to your data' })).toBeVisible();
  await expect(page.getByText('No accesses reported')).toBeVisible();

  expect((await report('before-grant', { action: 'write', resource: 'customers' })).status).toBe(201);
  await carolAnswers(app().url, await bobAsksAcme(app().url, 'SUP-501'), 'approve');
  expect((await report('under-grant')).status).toBe(201);

  await page.reload();
  const accesses = page.getByRole('region', { name: 'The latest reported accesses to your data' });
  await expect(accesses.getByRole('row')).toHaveCount(3);
  await expect(accesses.getByRole('row', { name: /Changed customers/ })).toContainText('No grant covered this access');
  await expect(accesses.getByRole('row', { name: /Read invoices/ })).toContainText('Ticket SUP-501');
  await expect(page.getByRole('link', { name: '1 access reported under this grant' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'console-lockbox-accesses');
  await page.goto(`${app().url}/console/lockbox/accesses`);
  await expect(page.getByRole('heading', { name: 'Reported accesses' })).toBeVisible();
  await expectNoAxeViolations(page);
});
