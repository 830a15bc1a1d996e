import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, expectNoAxeViolations, shootBothWidths, switchUser } from './helpers';

// One story in order on one server: bob's request is approved, then revoked, and each step
// checks what bob can read. Other tests share the database, so rows are found by their text.
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

const RUN = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
const REQUEST_TEXT = `UI ${RUN}: customer reports the export job stalls, need to read its workspace settings`;
const MEMBER_TEXT = `UI ${RUN}: second look at the warehouse connector failures for the member test`;
const BREAK_GLASS_TEXT = `UI ${RUN}: production outage for Acme, the connector corrupts data and cannot wait`;
const REVIEW_TEXT = `UI ${RUN}: access was justified by the outage; only the connector record was read.`;
const ACME_RECORD = 'Production workspace settings';

const requestCard = (page: Page | Locator, text: string) => page.locator('li[data-request]').filter({ hasText: text });
const sessionCard = (page: Page | Locator, text: string) => page.locator('li[data-session]').filter({ hasText: text });

test('(a) a support engineer asks Acme for access and cannot read its data yet', async ({ page }) => {
  await switchUser(page, ACCOUNTS.bob);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Staff admin' }).getByRole('link', { name: 'Tenants' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'admin-tenants');
  await page.getByRole('link', { name: 'Acme Corp', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/tenants\/acme$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Corp' })).toBeVisible();

  await page.getByLabel('Justification').fill(REQUEST_TEXT);
  await page.getByLabel('Ticket reference').fill(`CASE-${RUN}`);
  await expect(page.getByLabel('Duration')).toHaveValue('240');
  await page.getByLabel('Duration').selectOption({ label: '2 hours' });
  await expect(page.getByRole('radio', { name: 'Read-only' })).toBeChecked();
  await page.getByRole('button', { name: 'Request access' }).click();

  await expect(page).toHaveURL(/\/admin\/tenants\/acme\?done=requested$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your request was sent' })).toBeVisible();
  const card = requestCard(page, REQUEST_TEXT);
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Pending');
  await expect(card).toContainText('Read-only for 2 h');
  await expect(card).toContainText(/Expires unanswered.*UTC/);
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'admin-tenant-support');

  await page.getByRole('link', { name: 'Open Acme Corp’s data' }).click();
  await expect(page.getByText('Access to Acme Corp’s data needs the customer’s approval')).toBeVisible();
  await expect(page.getByText(ACME_RECORD)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Request access' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'admin-tenant-data-none');

  await page.goto('/admin/lockbox?state=pending');
  await expect(requestCard(page, REQUEST_TEXT)).toContainText('Acme Corp');
  await shootBothWidths(page, '/tmp/shots', 'admin-lockbox');

  // A short justification is refused by the server too, with a clear message.
  const refused = await page.request.post('/api/lockbox/requests', {
    form: { tenant: 'acme', justification: 'too short', ticket: 'X', back: '/admin/tenants/acme' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(303);
  await page.goto(refused.headers().location);
  await expect(page.getByRole('alert').filter({ hasText: 'at least 20 characters' })).toBeVisible();
});

test('(b) the customer admin approves with a comment and the engineer reads the data', async ({ page }) => {
  await switchUser(page, ACCOUNTS.carol);
  await page.goto('/console');
  await expect(page.getByRole('link', { name: /^Lockbox \(\d+\)$/ })).toBeVisible();
  await page.getByRole('link', { name: /^Lockbox/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lockbox' })).toBeVisible();
  const card = requestCard(page, REQUEST_TEXT);
  await expect(card).toContainText('Bob Brown');
  await expect(card).toContainText('bob@vendor.example');
  await expect(card).toContainText(`CASE-${RUN}`);
  await expect(card).toContainText('Read-only for 2 h');
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'console-lockbox-pending');
  await card.getByLabel('Comment').fill(`Approved for ${RUN}, read only please`);
  await card.getByRole('button', { name: /^Approve/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Approved' })).toBeVisible();
  const active = page.locator('section[aria-labelledby="active"]');
  await expect(requestCard(active, REQUEST_TEXT)).toContainText(/minutes left/);

  await switchUser(page, ACCOUNTS.bob);
  await page.goto('/admin/tenants/acme/data');
  const banner = page.getByTestId('access-banner');
  await expect(banner).toContainText('Access via lockbox grant: read-only');
  await expect(banner).toContainText(/1[12]\d minutes left, until .* UTC/);
  await expect(page.getByRole('heading', { name: ACME_RECORD })).toBeVisible();
  await expect(page.getByText('Edit')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'admin-tenant-data-granted');

  await page.goto('/admin/tenants/acme');
  const mine = requestCard(page, REQUEST_TEXT);
  await expect(mine).toContainText('Active');
  await expect(mine).toContainText(`Approved for ${RUN}, read only please`);
  await expect(mine).toContainText('Carol Clark');
});

test('(c) the customer admin revokes and the data is hidden again', async ({ page }) => {
  await switchUser(page, ACCOUNTS.carol);
  await page.goto('/console/lockbox');
  const card = page.locator('section[aria-labelledby="active"] li[data-request]').filter({ hasText: REQUEST_TEXT });
  await card.getByRole('button', { name: /^Revoke/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Revoked' })).toBeVisible();
  await expect(page.locator('section[aria-labelledby="active"]').getByText(REQUEST_TEXT)).toHaveCount(0);
  const row = page.locator('section[aria-labelledby="history"] tr').filter({ hasText: REQUEST_TEXT });
  await expect(row).toContainText('Revoked by Carol Clark');

  await switchUser(page, ACCOUNTS.bob);
  await page.goto('/admin/tenants/acme/data');
  await expect(page.getByText('Access to Acme Corp’s data needs the customer’s approval')).toBeVisible();
  await expect(page.getByText(ACME_RECORD)).toHaveCount(0);
  await page.goto('/admin/tenants/acme');
  await expect(requestCard(page, REQUEST_TEXT)).toContainText('Revoked');
});

test('(d) a customer member sees the request but cannot decide it', async ({ page }) => {
  await switchUser(page, ACCOUNTS.bob);
  const filed = await page.request.post('/api/lockbox/requests', {
    data: { tenant: 'acme', justification: MEMBER_TEXT, ticket: `CASE-M-${RUN}`, durationMinutes: 60, access: 'read_write' },
  });
  expect(filed.status(), await filed.text()).toBe(201);

  await switchUser(page, ACCOUNTS.dan);
  await page.goto('/console/lockbox');
  const card = requestCard(page, MEMBER_TEXT);
  await expect(card).toContainText('Read-write for 1 h');
  await expect(card).toContainText('Only your organization’s customer admins can approve or deny requests.');
  await expect(page.getByRole('button', { name: /Approve|Deny|Revoke/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'console-lockbox-member');
  await page.goto('/console/lockbox/settings');
  await expect(page.getByText('Only your organization’s customer admins can change these.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save the settings' })).toHaveCount(0);

  // The admin denies it, with a comment that lands in the history.
  await switchUser(page, ACCOUNTS.carol);
  await page.goto('/console/lockbox');
  const pending = requestCard(page, MEMBER_TEXT);
  await pending.getByLabel('Comment').fill(`No write access for ${RUN}`);
  await pending.getByRole('button', { name: /^Deny/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Denied' })).toBeVisible();
  await expect(page.locator('section[aria-labelledby="history"] tr').filter({ hasText: MEMBER_TEXT })).toContainText(`No write access for ${RUN}`);
  await page.goto('/console/lockbox/settings');
  // Saved with the values it has (other tests share Acme): the form round-trips.
  const hours = await page.getByLabel('Requests expire unanswered after (hours)').inputValue();
  await page.getByLabel('Requests expire unanswered after (hours)').fill(hours);
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByLabel('Requests expire unanswered after (hours)')).toHaveValue(hours);
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'console-lockbox-settings');
});

test('(e) a holder invokes break-glass, the customer sees it, the other holder reviews it', async ({ page }) => {
  await switchUser(page, ACCOUNTS.grace);
  await page.goto('/admin/tenants/acme');
  await page.getByLabel('Justification').fill(BREAK_GLASS_TEXT);
  await page.getByLabel('Incident reference').fill(`INC-${RUN}`);
  await page.getByLabel('Duration').selectOption('15');
  await page.getByRole('button', { name: 'Invoke break-glass on Acme Corp' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Break-glass access is open' })).toBeVisible();
  await page.getByRole('link', { name: 'Read Acme Corp’s data' }).click();
  const banner = page.getByTestId('access-banner');
  await expect(banner).toContainText('Break-glass access: read-write');
  await expect(banner).toContainText(/1[45] minutes left/);
  await expect(page.getByRole('heading', { name: ACME_RECORD })).toBeVisible();
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'admin-tenant-data-break-glass');

  await switchUser(page, ACCOUNTS.carol);
  await page.goto('/console/lockbox');
  const seen = sessionCard(page, BREAK_GLASS_TEXT);
  await expect(seen).toContainText('Grace Green');
  await expect(seen).toContainText(`INC-${RUN}`);
  await expect(seen).toContainText('Active');

  await switchUser(page, ACCOUNTS.grace);
  await page.goto('/admin/break-glass');
  await shootBothWidths(page, '/tmp/shots', 'admin-break-glass-invoker');
  await sessionCard(page, BREAK_GLASS_TEXT)
    .getByRole('button', { name: /^End now/ })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'The break-glass session has ended.' })).toBeVisible();
  await expect(sessionCard(page, BREAK_GLASS_TEXT)).toContainText('The other holder writes the review of this session.');
  await expect(sessionCard(page, BREAK_GLASS_TEXT).getByLabel('Post-incident review')).toHaveCount(0);

  await switchUser(page, ACCOUNTS.heidi);
  await page.goto('/admin');
  const open = page.locator('section[aria-labelledby="open-reviews"] tr').filter({ hasText: `INC-${RUN}` });
  await expect(open).toContainText('Ended: your review is needed');
  await shootBothWidths(page, '/tmp/shots', 'admin-dashboard-holder');
  await page.goto('/admin/break-glass');
  const card = sessionCard(page, BREAK_GLASS_TEXT);
  await expect(card.getByRole('button', { name: /End now/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'admin-break-glass-reviewer');
  await card.getByLabel('Post-incident review').fill(REVIEW_TEXT);
  await card.getByRole('button', { name: 'Record the review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The review is recorded.' })).toBeVisible();
  await expect(sessionCard(page, BREAK_GLASS_TEXT).getByTestId('review')).toHaveText(REVIEW_TEXT);
  await expect(sessionCard(page, BREAK_GLASS_TEXT)).toContainText('Reviewed');

  await switchUser(page, ACCOUNTS.carol);
  await page.goto('/console/lockbox');
  await expect(sessionCard(page, BREAK_GLASS_TEXT).getByTestId('review')).toHaveText(REVIEW_TEXT);
  await shootBothWidths(page, '/tmp/shots', 'console-lockbox');
});

test('(f) notifications: the customer admin reads and clears them; support gets 403 on break-glass', async ({ page }) => {
  await switchUser(page, ACCOUNTS.carol);
  await page.goto('/console');
  const panel = page.locator('section[aria-labelledby="notifications"]');
  await expect(panel.getByText(/Bob Brown asks for read-only access to Acme Corp's data/).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await shootBothWidths(page, '/tmp/shots', 'console-overview');
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All notifications are marked read.' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Mark all read' })).toHaveCount(0);

  await switchUser(page, ACCOUNTS.bob);
  await page.goto('/admin');
  await expect(page.locator('section[aria-labelledby="notifications"]').getByText('Acme Corp revoked your lockbox access').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Open break-glass reviews' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Break-glass' })).toHaveCount(0);
  await shootBothWidths(page, '/tmp/shots', 'admin-dashboard-support');
  await page.goto('/admin/break-glass');
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();

  await switchUser(page, ACCOUNTS.alice);
  await page.goto('/admin/break-glass');
  await expect(sessionCard(page, BREAK_GLASS_TEXT)).toContainText('Reviewed');
  await expect(page.getByRole('button', { name: /End now|Record the review|Invoke/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto('/admin/tenants/acme');
  await expect(requestCard(page, REQUEST_TEXT)).toContainText('Bob Brown');
  await shootBothWidths(page, '/tmp/shots', 'admin-tenant-trust-admin');
  await page.goto('/admin/tenants/nope-not-here');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found|no such|doesn’t exist/i);
});
