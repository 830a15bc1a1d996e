import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PORT } from '../playwright.config';
import { ACCOUNTS, signIn } from './helpers';

// localhost and 127.0.0.1 are different sites to a browser: a link on a page of one to the other
// is what another site's link to the trust center looks like (Sec-Fetch-Site: cross-site), with
// the trust center's SameSite=Lax cookies sent along.
const ELSEWHERE = `http://localhost:${PORT}/`;
const HERE = `http://127.0.0.1:${PORT}`;

async function followLinkFromElsewhere(page: Page, href: string) {
  await page.goto(ELSEWHERE);
  await page.evaluate((target) => {
    const a = document.createElement('a');
    a.href = target;
    a.id = 'from-elsewhere';
    a.textContent = 'a link on another site';
    document.body.prepend(a);
  }, href);
  await page.locator('#from-elsewhere').click();
}

test('a tenant’s data linked from another site opens only from the trust center, without a read recorded', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.bob);
  await followLinkFromElsewhere(page, `${HERE}/admin/tenants/acme/data`);
  await expect(page).toHaveURL(`${HERE}/admin/tenants/acme/data`);
  await expect(page.getByRole('heading', { level: 1, name: 'Open the data from the trust center' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  if (process.env.SHOTS) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await page.screenshot({ path: `/tmp/shots/open-from-here-${width}.png`, fullPage: true });
    }
  }
  // Followed from here, the page is the data page itself.
  await page.getByRole('link', { name: 'Open the data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Corp’s data' })).toBeVisible();
});

test('an executed DPA linked from another site is offered from here instead of downloaded', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.carol);
  await followLinkFromElsewhere(page, `${HERE}/console/dpa.pdf`);
  await expect(page.getByRole('heading', { level: 1, name: 'Open it from the trust center' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open it here' })).toHaveAttribute('href', '/console/dpa.pdf');
});
