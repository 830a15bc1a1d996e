import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ACCOUNTS, expectNoAxeViolations } from './helpers';

const SCREENS = 'test-results/screens';

// Long flows on a small shared machine: each test walks several pages and runs axe.
test.describe.configure({ timeout: 120_000 });
const MOBILE = { width: 390, height: 844 };

async function signInAs(page: Page, email: string) {
  const response = await page.request.post('/api/auth/demo', { data: { email } });
  expect(response.status()).toBe(200);
}

/** A full-page screenshot at desktop width, and one at 390 px. */
async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
  const desktop = page.viewportSize();
  await page.setViewportSize(MOBILE);
  await page.screenshot({ path: `${SCREENS}/${name}-390.png`, fullPage: true });
  // Nothing may overflow sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE.width);
  if (desktop) await page.setViewportSize(desktop);
}

/**
 * Waits until React has hydrated the page's forms: hydration resets a <select> changed
 * before it ran, so forms are filled only after that.
 */
async function settle(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector('main form');
    return form !== null && Object.keys(form).some((key) => key.startsWith('__reactFiber'));
  });
}

/** Turns off the browser's own checks of a form, as a program posting to the endpoint would. */
async function skipBrowserValidation(page: Page) {
  await page.evaluate(() => document.querySelectorAll('form').forEach((f) => f.setAttribute('novalidate', '')));
}

test('staff (alice) changes SOC 2 Type 2 to attested and the public /certifications page shows it', async ({ page }) => {
  await page.goto('/certifications');
  const soc2 = page.locator('#soc-2-type-2');
  await expect(soc2.getByRole('heading', { name: 'SOC 2 Type 2' })).toBeVisible();
  await expect(soc2).toContainText('Audit window');

  await signInAs(page, ACCOUNTS.alice);
  await page.goto('/admin/certifications');
  await settle(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Certifications' })).toBeVisible();
  await page.getByRole('link', { name: 'Edit SOC 2 Type 2' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'SOC 2 Type 2' })).toBeVisible();
  await settle(page);

  // Attested keeps its audit period but has no target date: the first try is refused.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('attested');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('An attested or expired certification has no target date: clear it.');
  await page.goto('/certifications');
  await expect(soc2).toContainText('Audit window');

  await page.goto('/admin/certifications');
  await settle(page);
  await page.getByRole('link', { name: 'Edit SOC 2 Type 2' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'SOC 2 Type 2' })).toBeVisible();
  await settle(page);
  await page.getByRole('combobox', { name: 'Status' }).selectOption('attested');
  await page.getByLabel('Target date').fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Saved. The public certifications page shows the change now.');
  const history = page.getByRole('region', { name: 'Change history' });
  await expect(history.getByRole('listitem').first()).toContainText('Alice Adams changed');
  await expect(history.getByRole('listitem').first()).toContainText('Status: Audit window → changed to Attested / certified');
  await screenshots(page, 'admin-certification-edit');

  await page.goto('/certifications');
  await expect(soc2).toContainText('Attested / certified');
  await expect(soc2).not.toContainText('Audit window');
  await expect(soc2).not.toContainText('Report expected');
});

test('bad input on each staff form gets a clear message and changes nothing', async ({ page }) => {
  await signInAs(page, ACCOUNTS.alice);

  await page.goto('/admin/certifications');

  await settle(page);
  const add = page.getByRole('region', { name: 'Add a certification' });
  await add.getByLabel('Framework', { exact: true }).fill('FedRAMP High');
  await add.getByRole('combobox', { name: 'Status' }).selectOption('attested');
  await add.getByRole('button', { name: 'Add certification' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(/needs an audit period: enter its start and end dates/);
  await expect(page.getByRole('link', { name: 'Edit FedRAMP High' })).toHaveCount(0);

  await page.goto('/admin/security');

  await settle(page);
  await skipBrowserValidation(page);
  const addBlock = page.getByRole('region', { name: 'Add a block' });
  await addBlock.getByLabel('Text').fill('Something without a title.');
  await addBlock.getByRole('button', { name: 'Add block' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Enter a title, up to 120 characters.');
  await expect(page.getByText('Something without a title.')).toHaveCount(0);

  await page.goto('/admin/updates');

  await settle(page);
  await skipBrowserValidation(page);
  const post = page.getByRole('region', { name: 'Post an update' });
  await post.getByLabel('Title', { exact: true }).fill('An update without text');
  await post.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Enter the text of the update, up to 10,000 characters.');
  await expect(page.getByRole('heading', { name: 'An update without text' })).toHaveCount(0);

  await page.goto('/admin/settings');

  await settle(page);
  await page.getByLabel('Security contact').fill('phone us');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'Enter the security contact as an e-mail address (or mailto: link) or an https:// address.',
  );
  await expect(page.getByLabel('Security contact')).not.toHaveValue('phone us');

  await page.getByLabel('Logo image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a not really a png') });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The logo must be a PNG, JPEG or WebP image.');
  await expect(page.getByRole('img', { name: /Current logo/ })).toHaveCount(0);
});

test('a trust admin adds a certification, edits the security overview, posts news and sets the logo; the public pages follow', async ({ page }) => {
  await signInAs(page, ACCOUNTS.alice);
  await page.goto('/admin/certifications');
  await settle(page);
  const add = page.getByRole('region', { name: 'Add a certification' });
  await add.getByLabel('Framework', { exact: true }).fill('FedRAMP Moderate');
  await add.getByRole('combobox', { name: 'Status' }).selectOption('in_progress');
  await add.getByLabel('Target date').fill(new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10));
  await add.getByRole('button', { name: 'Add certification' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Certification added. The public page shows it now.');
  await expect(page.getByRole('region', { name: 'Change history' })).toContainText('Alice Adams added');
  await page.goto('/certifications#fedramp-moderate');
  await expect(page.locator('#fedramp-moderate')).toContainText('In progress');

  await page.goto('/admin/security');

  await settle(page);
  const monitoring = page.locator('#block-monitoring');
  await monitoring.getByText('Edit Monitoring and logging').click();
  await monitoring.getByLabel('Text').fill('Logs are kept for a year.\n\n- Alerts reach the on-call engineer.\n- Reviewed weekly.');
  await monitoring.getByRole('button', { name: 'Save block' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Block saved. The public page shows it now.');
  await screenshots(page, 'admin-security');

  await page.goto('/security');
  await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Monitoring and logging' }).click();
  await expect(page).toHaveURL(/#monitoring$/);
  await expect(page.locator('#monitoring').getByRole('listitem')).toHaveText(['Alerts reach the on-call engineer.', 'Reviewed weekly.']);

  await page.goto('/admin/updates');

  await settle(page);
  const post = page.getByRole('region', { name: 'Post an update' });
  await post.getByLabel('Title', { exact: true }).fill('Bug bounty programme launched');
  await post.getByLabel('Text').fill('Researchers can now earn rewards for qualifying reports.');
  await post.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Update posted.');
  await screenshots(page, 'admin-updates');
  await page.goto('/updates');
  await expect(page.getByRole('article').filter({ hasText: 'Bug bounty programme launched' })).toContainText('Researchers can now earn rewards');

  await page.goto('/admin/settings');

  await settle(page);
  await page.getByLabel('Logo image').setInputFiles(path.join(import.meta.dirname, 'fixtures', 'logo.png'));
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Logo uploaded.');
  await expect(page.getByRole('img', { name: 'Current logo of Northwind Cloud' })).toBeVisible();
  await screenshots(page, 'admin-settings');
  await page.goto('/certifications');
  const logo = page.locator('header img');
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
  const src = (await logo.getAttribute('src'))!;
  const served = await page.request.get(src);
  expect(served.headers()['content-type']).toBe('image/png');
  expect(served.headers()['cache-control']).toContain('immutable');
  expect((await served.body()).equals(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'logo.png')))).toBe(true);

  // Programs upload the image itself as the body.
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
  const uploaded = await page.request.post('/api/admin/settings/logo', { data: jpeg, headers: { 'content-type': 'application/octet-stream' } });
  expect(await uploaded.json()).toEqual({ logo: { type: 'image/jpeg', size: jpeg.byteLength } });
  expect((await page.request.get('/logo')).headers()['content-type']).toBe('image/jpeg');

  await page.goto('/admin/settings');

  await settle(page);
  await page.getByRole('button', { name: 'Remove logo' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Logo removed.');
  expect((await page.request.get('/logo')).status()).toBe(404);
});

test('support engineers and customer members see 403 on the staff tools', async ({ page }) => {
  for (const email of [ACCOUNTS.bob, ACCOUNTS.dan]) {
    await signInAs(page, email);
    for (const path of ['/admin/certifications', '/admin/settings']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'You don’t have access to this page' }), `${email} ${path}`).toBeVisible();
    }
  }
});

test('the public content pages: titles, no accessibility violations, desktop and phone widths', async ({ page }) => {
  for (const [path, title, name] of [
    ['/certifications', 'Certifications · Trust Center', 'certifications'],
    ['/security', 'Security overview · Trust Center', 'security'],
    ['/updates', 'Updates · Trust Center', 'updates'],
    ['/vulnerability-disclosure', 'Vulnerability disclosure policy · Trust Center', 'vulnerability-disclosure'],
  ] as const) {
    await page.goto(path);
    await expect(page).toHaveTitle(title);
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toContain('Northwind Cloud');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expectNoAxeViolations(page, path);
    await screenshots(page, `public-${name}`);
  }
  await page.goto('/updates?page=9');
  await expect(page.getByText('There is nothing on this page')).toBeVisible();
});

test('the staff pages have no accessibility violations', async ({ page }) => {
  await signInAs(page, ACCOUNTS.alice);
  for (const [path, name] of [
    ['/admin/certifications', 'admin-certifications'],
    ['/admin/security', null],
    ['/admin/updates', null],
    ['/admin/settings', null],
  ] as const) {
    await page.goto(path);
    await expectNoAxeViolations(page, path);
    if (name) await screenshots(page, name);
  }
});
