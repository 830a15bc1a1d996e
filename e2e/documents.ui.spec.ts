import { randomBytes } from 'node:crypto';
import { type Page, expect, test } from '@playwright/test';
import { MAILBOX_URL } from '../playwright.config';
import { linkIn, mailTo } from '../test/helpers/mail-server/mailbox';
import { ACCOUNTS, expectNoAxeViolations, signIn } from './helpers';

// Slow on a shared two-core machine: screenshots at two widths, axe, mail round trips.
test.describe.configure({ timeout: 120_000 });

const unique = () => randomBytes(4).toString('hex');

/** Desktop and phone-width screenshots of the current page (the phone one also in readable slices). */
async function screens(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 1; y < height; y += 1200, i++) {
    await page.screenshot({
      path: `test-results/screens/${name}-390-${i}.png`,
      fullPage: true,
      clip: { x: 0, y, width: 390, height: Math.min(1200, height - y) },
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Next.js keeps an empty role="alert" route announcer outside <main>: look inside it.
const alert = (page: Page) => page.getByRole('main').getByRole('alert');
const status = (page: Page) => page.getByRole('main').getByRole('status');

test('a reviewer requests a gated document, a trust admin approves, the link opens it; revoked, it is refused', async ({ browser, baseURL }) => {
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  const email = `rita-${unique()}@prospect-${unique()}.example`;

  await reviewer.goto('/documents');
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await expect(reviewer.getByRole('heading', { level: 2, name: 'Audit reports' })).toBeVisible();
  await expect(reviewer.getByText(/Expired|Valid until/).first()).toBeVisible();
  await expectNoAxeViolations(reviewer);
  await screens(reviewer, 'documents');
  expect(await reviewerContext.cookies(), 'the public portal sets no cookie').toEqual([]);

  await reviewer.getByRole('link', { name: 'Request access to SOC 2 Type 2 report' }).click();
  await expect(reviewer.getByRole('checkbox', { name: /SOC 2 Type 2 report/ })).toBeChecked();
  await expect(reviewer.getByRole('region', { name: /Full text of/ })).toContainText('Confidential Information');
  await expect(reviewer.getByText(/SHA-256 [0-9a-f]{64}/)).toBeVisible();

  // A typed name that does not match is refused with a clear message.
  const fill = async (typedName: string) => {
    await reviewer.getByLabel('Name', { exact: true }).fill('Rita Reviewer');
    await reviewer.getByLabel('Work e-mail').fill(email);
    await reviewer.getByLabel('Company', { exact: true }).fill('Prospect Ltd');
    await reviewer.getByLabel('Reason for the request').fill('Vendor security review for our tender.');
    await reviewer.getByRole('checkbox', { name: /SOC 2 Type 2 report/ }).check();
    await reviewer.getByLabel('Type your full name to sign').fill(typedName);
    await reviewer.getByRole('checkbox', { name: /I have read the NDA above/ }).check();
    await reviewer.getByRole('button', { name: 'Request access' }).click();
  };
  await fill('Somebody Else');
  await expect(alert(reviewer)).toHaveText('To sign the NDA, type your full name exactly as in the Name field.');
  await screens(reviewer, 'documents-error');

  await reviewer.goto('/documents?want=soc2-type2-report#request-access');
  await fill('Rita Reviewer');
  await expect(status(reviewer)).toContainText('We sent the next step to your e-mail address');
  expect(await reviewerContext.cookies()).toEqual([]);
  const received = await mailTo(MAILBOX_URL, email, /We received your request/);
  expect(received.attachments[0].filename).toMatch(/^nda-acceptance-.*\.pdf$/);
  expect(Buffer.from(received.attachments[0].contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

  // Alice decides from the queue.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin.request, ACCOUNTS.alice);
  await admin.goto('/admin/access-requests');
  const card = admin.getByRole('article', { name: /Rita Reviewer/ }).filter({ hasText: email });
  await expect(card).toContainText('Accepted version 1');
  await expect(card).toContainText('No rule for');
  await screens(admin, 'admin-access-queue');
  await card.getByLabel(/Note/).fill('Tender shortlist');
  await card.getByRole('button', { name: 'Approve the request of Rita Reviewer' }).click();
  await expect(status(admin)).toHaveText('Approved. The reviewer was e-mailed a sign-in link.');

  // The link from the mail signs the reviewer's browser in for the document.
  const link = linkIn(await mailTo(MAILBOX_URL, email, /Your access to/), `${baseURL}/access/`);
  await reviewer.goto(link);
  await expect(reviewer).toHaveURL(/\/documents\?access=granted/);
  await expect(status(reviewer)).toContainText('Your access link worked');
  await expect(reviewer.getByRole('link', { name: 'Download PDF of SOC 2 Type 2 report' })).toBeVisible();
  await expect(reviewer.getByRole('link', { name: 'Request access to Penetration test summary 2026' })).toBeVisible();
  const cookie = (await reviewerContext.cookies()).find((c) => c.name === 'tc_grant');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  await screens(reviewer, 'documents-granted');
  const pdf = await reviewer.request.get('/documents/soc2-type2-report.pdf');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');

  // Without the grant, in a fresh browser: 403.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  const refused = await stranger.goto('/documents/soc2-type2-report.pdf');
  expect(refused?.status()).toBe(403);
  await expect(stranger.getByRole('heading', { name: 'This document needs approved access' })).toBeVisible();
  await screens(stranger, 'document-403');

  // Alice revokes; the reviewer's copy stops at once.
  await admin.goto('/admin/access-requests/grants');
  await screens(admin, 'admin-access-grants');
  await admin
    .getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) })
    .getByRole('button', { name: 'Revoke the access of Rita Reviewer' })
    .click();
  await expect(status(admin)).toContainText('Revoked');
  expect((await reviewer.request.get('/documents/soc2-type2-report.pdf')).status()).toBe(403);
  await reviewer.goto(link);
  await expect(reviewer.getByRole('heading', { level: 1, name: 'This access link was withdrawn' })).toBeVisible();
  await expectNoAxeViolations(reviewer);
  await screens(reviewer, 'access-invalid');

  await admin.goto('/admin/access-requests/decided');
  await expect(admin.getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) })).toContainText('Revoked');
  await screens(admin, 'admin-access-decided');
  await Promise.all([reviewerContext.close(), adminContext.close(), strangerContext.close()]);
});

test('a trust admin creates, versions and archives a document; bad files get a clear message', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.alice);
  await page.goto('/admin/documents');
  await expect(page.getByRole('cell', { name: /Certificate of cyber and professional liability insurance/ })).toBeVisible();
  await expect(page.getByText('Expires soon').first()).toBeVisible();
  await screens(page, 'admin-documents');

  await page.getByRole('link', { name: 'New document' }).click();
  const slug = `ui-${unique()}`;
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Title').fill('UI test policy');
  await page.getByLabel('Category').fill('Policies');
  await page.getByLabel('Who may read it').selectOption('public');
  await page.getByLabel(/PDF file/).setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a pdf') });
  await page.getByRole('button', { name: 'Create document' }).click();
  await expect(alert(page)).toHaveText('That file is not a PDF. Only PDF documents can be uploaded.');
  await screens(page, 'admin-document-new');

  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Title').fill('UI test policy');
  await page.getByLabel('Category').fill('Policies');
  await page.getByLabel('Who may read it').selectOption('public');
  await page.getByLabel('Valid until').fill('2027-01-31');
  const iso = await page.request.get('/documents/iso27001-certificate.pdf');
  await page.getByLabel(/PDF file/).setInputFiles({ name: 'policy.pdf', mimeType: 'application/pdf', buffer: await iso.body() });
  await page.getByRole('button', { name: 'Create document' }).click();
  await expect(status(page)).toHaveText('Document created with its first version.');
  await expect(page.getByRole('heading', { level: 1, name: 'UI test policy' })).toBeVisible();

  const whitepaper = await page.request.get('/documents/security-whitepaper.pdf');
  await page.getByLabel(/PDF file/).setInputFiles({ name: 'policy-v2.pdf', mimeType: 'application/pdf', buffer: await whitepaper.body() });
  await page.getByLabel('Version note').fill('Annual review');
  await page.getByRole('button', { name: 'Upload version' }).click();
  await expect(status(page)).toHaveText('Version 2 uploaded. It is now the current version.');
  await expect(page.getByRole('row', { name: /policy-v2\.pdf/ })).toContainText('current');
  await page.getByLabel(/PDF file/).setInputFiles({ name: 'again.pdf', mimeType: 'application/pdf', buffer: await whitepaper.body() });
  await page.getByRole('button', { name: 'Upload version' }).click();
  await expect(alert(page)).toHaveText('That file is already the current version.');
  await screens(page, 'admin-document');

  await page.getByLabel('Title').fill('   ');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(alert(page)).toHaveText('Enter a title (at most 200 characters).');
  await expect(page.getByRole('heading', { level: 1, name: 'UI test policy' })).toBeVisible();

  await page.getByRole('button', { name: 'Archive document' }).click();
  await expect(status(page)).toContainText('Archived');
  expect((await page.request.get(`/documents/${slug}.pdf`)).status()).toBe(404);
  await page.getByRole('button', { name: 'Restore document' }).click();
  await expect(status(page)).toContainText('Restored');
  expect((await page.request.get(`/documents/${slug}.pdf`)).status()).toBe(200);
});

test('a trust admin manages domain rules and the NDA; bad input is refused', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.alice);
  await page.goto('/admin/access-requests/rules');
  await expect(page.getByRole('cell', { name: 'umbrella.example', exact: true })).toBeVisible();
  await page.getByLabel('Domain').fill('https://bad');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(alert(page)).toHaveText('Enter a domain such as example.com (no @, no https://).');
  const domain = `ui-${unique()}.example`;
  await page.getByLabel('Domain').fill(domain);
  await page.getByLabel('Decision').selectOption('deny');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(status(page)).toHaveText('Rule added. It applies to new requests.');
  await screens(page, 'admin-access-rules');
  await page.getByRole('button', { name: `Remove the rule for ${domain}` }).click();
  await expect(status(page)).toHaveText('Rule removed.');

  await page.goto('/admin/access-requests/nda');
  await expect(page.getByRole('heading', { name: /Current: version \d+/ })).toBeVisible();
  await screens(page, 'admin-access-nda');
  await page.getByLabel('Full text').fill('   ');
  await page.getByRole('button', { name: /Publish as version/ }).click();
  await expect(alert(page)).toHaveText('Enter the full text of the NDA (at most 50,000 characters).');
});

test('support engineers and customer members get 403 on the staff tools', async ({ browser }) => {
  for (const email of [ACCOUNTS.bob, ACCOUNTS.dan]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page.request, email);
    for (const path of ['/admin/documents', '/admin/access-requests']) {
      const response = await page.goto(path);
      expect(response?.status(), `${email} ${path}`).toBe(403);
      await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();
    }
    await context.close();
  }
});
