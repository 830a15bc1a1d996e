import { expect, test } from '@playwright/test';
import { ACCOUNTS, signIn } from './helpers';

/** The staff tools that change the public portal, with the API each form posts to. */
const STAFF_PAGES = [
  '/admin/certifications',
  '/admin/subprocessors',
  '/admin/subprocessors/subscribers',
  '/admin/documents',
  '/admin/dpa',
  '/admin/access-requests',
  '/admin/security',
  '/admin/updates',
  '/admin/settings',
  '/admin/outbox',
];

test('trust admins open every staff tool', async ({ request }) => {
  await signIn(request, ACCOUNTS.alice);
  for (const path of STAFF_PAGES) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
  }
  const dashboard = await (await request.get('/admin')).text();
  expect(dashboard).toContain('Pending access requests');
  expect(dashboard).toContain('Upcoming sub-processor changes');
});

for (const who of ['bob', 'dan', 'carol'] as const) {
  test(`${who} cannot open the staff tools`, async ({ request }) => {
    await signIn(request, ACCOUNTS[who]);
    for (const path of STAFF_PAGES) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(403);
    }
    expect(await (await request.get('/admin')).text()).not.toContain('Pending access requests');
  });
}

test('signed-out visitors are sent to sign in', async ({ request }) => {
  for (const path of STAFF_PAGES) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers().location).toContain(`/sign-in?next=`);
  }
});
