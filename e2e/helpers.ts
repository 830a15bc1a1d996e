import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { expect } from '@playwright/test';

/** Signs in through the API, as tests other than the sign-in test should. */
export async function signIn(request: APIRequestContext, email: string) {
  const response = await request.post('/api/auth/demo', { data: { email } });
  expect(response.status(), await response.text()).toBe(200);
  return response;
}

/** A new API client of the app, signed in as `email`, or anonymous for null. */
export async function requestAs(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, email: string | null) {
  const context = await playwright.request.newContext({ baseURL });
  if (email) await signIn(context, email);
  return context;
}

/** Signs the page's browser out of whoever it was and in as `email`. */
export async function switchUser(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page.request, email);
}

/** axe finds nothing on the page as it is; a failure names `label`, by default the page's URL. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    label,
  ).toEqual([]);
}

/** With SHOTS=1: a desktop and a phone-width screenshot of the page as it is, into `dir`, to look at. */
export async function shootBothWidths(page: Page, dir: string, name: string) {
  if (!process.env.SHOTS) return;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${dir}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${dir}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

export const ACCOUNTS = {
  alice: 'alice@vendor.example',
  bob: 'bob@vendor.example',
  grace: 'grace@vendor.example',
  heidi: 'heidi@vendor.example',
  carol: 'carol@acme.example',
  dan: 'dan@acme.example',
  erin: 'erin@globex.example',
} as const;
