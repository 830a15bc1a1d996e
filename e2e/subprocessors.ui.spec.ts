import { expect, test, type Page } from '@playwright/test';
import { earliestEffectiveDate } from '@/lib/subprocessors/notice';
import { MAILBOX_URL } from '../playwright.config';
import { linkIn, mailTo } from '../test/helpers/mail-server/mailbox';
import { ACCOUNTS, expectNoAxeViolations } from './helpers';

// One story, in order: the subscriptions, the announcement and the form's rate limit share state.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const reviewer = `reviewer-${Date.now()}@buyer.example`;

async function screens(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

test('a reviewer searches the list, subscribes and confirms through the mailed link', async ({ page, baseURL }) => {
  await page.goto('/subprocessors');
  await expect(page).toHaveTitle('Sub-processors · Trust Center');
  await expect(page.getByRole('heading', { level: 1, name: 'Sub-processors' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /Amazon Web Services/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming changes' }).getByRole('heading', { name: /Intercom/ })).toBeVisible();
  await expect(page.getByText(/^Last updated /)).toBeVisible();
  expect(await page.context().cookies(), 'the public portal sets no cookies').toEqual([]);
  await expectNoAxeViolations(page);
  await screens(page, 'subprocessors');

  await page.getByRole('combobox', { name: 'Location' }).selectOption({ label: 'Germany' });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/location=DE/);
  await expect(page.getByRole('rowheader', { name: /Snowflake/ })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /Postmark/ })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search' }).fill('monitoring');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText(/^2 of \d+ sub-processors match\.$/)).toBeVisible();
  await page.getByRole('link', { name: 'Clear' }).click();
  await page.goto('/subprocessors?q=no+such+thing');
  await expect(page.getByText('No sub-processor matches')).toBeVisible();

  await page.goto('/subprocessors');
  await page.getByLabel('Work e-mail').fill(reviewer);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'a message is on its way' })).toBeVisible();
  await expect(page).toHaveURL(/subscribed=1#subscribe$/);

  const mail = await mailTo(MAILBOX_URL, reviewer, /^Confirm your subscription/);
  expect(mail.text).toContain(`${baseURL}/subscriptions/unsubscribe?token=`);
  await page.goto(linkIn(mail, `${baseURL}/subscriptions/confirm?token=`));
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your subscription' })).toBeVisible();
  await expectNoAxeViolations(page);
  await screens(page, 'subscription-confirm');
  await page.getByRole('button', { name: 'Confirm my subscription' }).click();
  await expect(page.getByRole('status')).toHaveText('You are subscribed. We will e-mail you when we announce a change, before it takes effect.');
  await screens(page, 'subscription-confirmed');
});

test('alice schedules a sub-processor too early and is refused; scheduled correctly and announced, it is upcoming everywhere and mailed', async ({
  page,
  baseURL,
}) => {
  await page.request.post('/api/auth/demo', { data: { email: ACCOUNTS.alice } });
  await page.goto('/admin/subprocessors');
  await expect(page.getByRole('heading', { level: 1, name: 'Sub-processors' })).toBeVisible();
  await page.getByRole('link', { name: 'Schedule a new sub-processor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule a new sub-processor' })).toBeVisible();

  const earliest = earliestEffectiveDate(new Date(), 90);
  const tooEarly = earliestEffectiveDate(new Date(), 30);
  await page.getByLabel('Name').fill('Ledgerline');
  await page.getByLabel('Website').fill('https://ledgerline.example');
  await page.getByLabel('Purpose').fill('Reconciliation of bank statements against invoices.');
  await page.getByLabel('Data categories').fill('Customer records, Bank statements');
  await page.getByLabel('Locations').fill('de, FR');
  await page.getByLabel('Transfer mechanism').fill('Processed in the EU (no transfer)');
  await page.getByLabel('Processes customer records').check();
  await page.getByLabel('Effective date').fill(tooEarly);
  await page.getByLabel('Reason for the change').fill('Automatic reconciliation for all plans.');
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'earliest' })).toHaveText(
    `Ledgerline processes customer records, so it needs 90 days' notice: the earliest effective date is ${earliest}.`,
  );
  await expect(page.getByLabel('Name')).toHaveValue('Ledgerline');
  await expect(page.getByLabel('Processes customer records')).toBeChecked();
  await screens(page, 'admin-subprocessors-new-refused');

  await page.getByLabel('Effective date').fill(earliest);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/admin\/subprocessors\?scheduled=Ledgerline$/);
  await expect(page.getByRole('status')).toContainText('Draft saved for Ledgerline');
  const drafts = page.getByRole('region', { name: 'Drafts' });
  await expect(drafts.getByRole('heading', { name: /Ledgerline/ })).toBeVisible();
  await expect(drafts).toContainText(`Needs 90 days’ notice: announced today, it may take effect from ${earliest}.`);
  await screens(page, 'admin-subprocessors-draft');

  // Drafts stay private until announced.
  expect(await (await page.request.get('/subprocessors.json')).text()).not.toContain('Ledgerline');

  await page.getByRole('button', { name: 'Announce 1 change' }).click();
  await expect(page.getByRole('status')).toContainText('Announced 1 change');
  await expect(page.getByRole('region', { name: 'Announced, not yet in effect' }).getByRole('heading', { name: /Ledgerline/ })).toBeVisible();
  await screens(page, 'admin-subprocessors');

  const upcoming = page.getByRole('region', { name: 'Upcoming changes' });
  await page.goto('/subprocessors');
  await expect(upcoming.getByRole('heading', { name: /Ledgerline/ })).toBeVisible();
  await expect(upcoming.locator(`time[datetime="${earliest}"]`)).toBeVisible();
  await expect(upcoming).toContainText('Locations: Germany, France');

  const json = await (await page.request.get('/subprocessors.json')).json();
  expect(json.upcoming).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        name: 'Ledgerline',
        change: 'add',
        status: 'pending_addition',
        processes_customer_records: true,
        locations: ['DE', 'FR'],
        effective_date: earliest,
      }),
    ]),
  );
  expect(json.current.map((s: { name: string }) => s.name)).not.toContain('Ledgerline');

  const feed = await page.request.get('/subprocessors/feed.xml');
  expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  const parsed = await page.evaluate(
    (xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        root: doc.documentElement.namespaceURI,
        titles: [...doc.getElementsByTagName('entry')].map((e) => e.getElementsByTagName('title')[0].textContent),
      };
    },
    await feed.text(),
  );
  expect(parsed).toMatchObject({ error: false, root: 'http://www.w3.org/2005/Atom' });
  expect(parsed.titles).toContain(`New sub-processor: Ledgerline, effective ${earliest}`);

  const mail = await mailTo(MAILBOX_URL, reviewer, /sub-processor change announced$/);
  expect(mail.subject).toBe('Northwind Cloud: 1 sub-processor change announced');
  expect(mail.text).toContain(`1. New sub-processor: Ledgerline, effective`);
  expect(mail.text).toContain(`(${earliest})`);
  expect(mail.text).toContain('Processes customer records: yes');
  const unsubscribe = linkIn(mail, `${baseURL}/subscriptions/unsubscribe?token=`);

  await page.goto('/admin/subprocessors/subscribers');
  await expect(page.getByRole('row', { name: new RegExp(reviewer) })).toContainText('Confirmed');
  await screens(page, 'admin-subprocessors-subscribers');
  await page.goto('/admin/subprocessors/amazon-web-services/change');
  await expect(page.getByLabel('Locations').first()).toHaveValue('IE, DE');
  await screens(page, 'admin-subprocessors-change');

  // The unsubscribe link from the announcement: opening it changes nothing; the button does.
  await page.goto(unsubscribe);
  await expectNoAxeViolations(page);
  await screens(page, 'subscription-unsubscribe');
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('status')).toHaveText('You are unsubscribed. We will not e-mail you about sub-processor changes again.');
  await page.goto('/admin/subprocessors/subscribers');
  await expect(page.getByRole('row', { name: new RegExp(reviewer) })).toContainText('Unsubscribed');
});

test('the subscribe answer is the same for any address, and bad addresses get a clear message', async ({ page }) => {
  const answers = [];
  for (const email of [`new-${Date.now()}@buyer.example`, reviewer]) {
    const response = await page.request.post('/api/subscriptions', { data: { email } });
    answers.push({ status: response.status(), body: await response.text() });
  }
  expect(answers[0].status).toBe(202);
  expect(answers[1]).toEqual(answers[0]);

  const bad = await page.request.post('/api/subscriptions', { data: { email: 'not-an-address' } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toBe('The request is not valid: email: Enter a valid e-mail address');
  await page.goto('/subprocessors?subscribe_error=invalid_email#subscribe');
  await expect(page.getByRole('alert').filter({ hasText: 'e-mail' })).toHaveText('Enter a valid e-mail address, such as name@company.com.');
});

test('past the limit, the subscribe form answers 429 with Retry-After', async ({ page }) => {
  let response;
  for (let i = 0; i < 12; i++) {
    response = await page.request.post('/api/subscriptions', { form: { email: `flood-${i}@buyer.example` }, maxRedirects: 0 });
    if (response.status() === 429) break;
    expect(response.status()).toBe(303);
  }
  expect(response!.status()).toBe(429);
  expect(Number(response!.headers()['retry-after'])).toBeGreaterThan(0);
  expect(response!.headers()['content-type']).toContain('text/html');
  expect(await response!.text()).toContain('Too many requests');
  const json = await page.request.post('/api/subscriptions', { data: { email: 'flood-json@buyer.example' } });
  expect(json.status()).toBe(429);
  expect((await json.json()).error.code).toBe('rate_limited');
  expect(Number(json.headers()['retry-after'])).toBeGreaterThan(0);
});
