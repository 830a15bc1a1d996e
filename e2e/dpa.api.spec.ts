import { expect, test } from '@playwright/test';
import { pdfRawText, qpdfCheck } from '../test/helpers/pdf-tools';
import { ACCOUNTS, requestAs } from './helpers';

test('the DPA template downloads for anyone, sound and cacheable', async ({ request }) => {
  const first = await request.get('/documents/dpa.pdf');
  expect(first.status()).toBe(200);
  expect(first.headers()['content-type']).toBe('application/pdf');
  expect(first.headers()['cache-control']).toBe('public, max-age=300');
  const bytes = await first.body();
  await qpdfCheck(bytes);
  expect(await pdfRawText(bytes)).toContain('Annex III: Sub-processors');
  const again = await request.get('/documents/dpa.pdf', { headers: { 'If-None-Match': first.headers().etag } });
  expect(again.status()).toBe(304);
});

test('a customer downloads their tenant’s executed DPA; nobody else gets it', async ({ playwright, baseURL }) => {
  const carol = await requestAs(playwright, baseURL, ACCOUNTS.carol);
  const own = await carol.get('/console/dpa.pdf');
  expect(own.status()).toBe(200);
  expect(own.headers()['cache-control']).toBe('private, no-store');
  expect(own.headers()['content-disposition']).toMatch(/^inline; filename="Acme-Corp-DPA-v\d+-executed-\d{4}-\d\d-\d\d\.pdf"$/);
  expect(await pdfRawText(await own.body())).toContain('Executed by Acme Corp on');
  const { executions } = await (await carol.get('/api/dpa/executions')).json();
  const acmeExecution = executions.at(-1).id as string;

  const erin = await requestAs(playwright, baseURL, ACCOUNTS.erin);
  const cross = await erin.get(`/console/dpa.pdf?execution=${acmeExecution}`);
  expect(cross.status()).toBe(404);
  expect((await erin.get('/api/dpa/executions')).ok()).toBe(true);
  expect(JSON.stringify(await (await erin.get('/api/dpa/executions')).json())).not.toContain(acmeExecution);

  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  expect((await alice.get('/console/dpa.pdf')).status()).toBe(403);
  expect((await alice.get('/api/dpa/executions')).status()).toBe(403);

  const anonymous = await requestAs(playwright, baseURL, null);
  expect((await anonymous.get('/console/dpa.pdf')).status()).toBe(401);
  const browserLike = await anonymous.get('/console/dpa.pdf', { headers: { Accept: 'text/html' }, maxRedirects: 0 });
  expect(browserLike.status()).toBe(303);
  expect(browserLike.headers().location).toContain('/sign-in?next=%2Fconsole%2Fdpa');
});

test('the DPA page of the console is for customer users', async ({ playwright, baseURL }) => {
  for (const who of ['carol', 'dan', 'erin'] as const) {
    const user = await requestAs(playwright, baseURL, ACCOUNTS[who]);
    expect((await user.get('/console/dpa', { maxRedirects: 0 })).status(), who).toBe(200);
  }
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  expect((await alice.get('/console/dpa', { maxRedirects: 0 })).status()).toBe(403);
  const anonymous = await requestAs(playwright, baseURL, null);
  const signedOut = await anonymous.get('/console/dpa', { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers().location).toContain('/sign-in?next=');
});

test('only a customer admin executes; staff tools are for trust admins; bad input is refused', async ({ playwright, baseURL }) => {
  const signing = { signerName: 'Someone', signerTitle: 'Director', authority: true };
  const dan = await requestAs(playwright, baseURL, ACCOUNTS.dan);
  const refused = await dan.post('/api/dpa/executions', { data: signing });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('forbidden');
  const carol = await requestAs(playwright, baseURL, ACCOUNTS.carol);
  const bad = await carol.post('/api/dpa/executions', { data: { ...signing, signerName: '' } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe('invalid_signer_name');
  expect((await carol.post('/api/dpa/executions', { data: 'not json', headers: { 'Content-Type': 'application/json' } })).status()).toBe(400);
  expect((await carol.post('/api/admin/dpa/draft', { data: {} })).status()).toBe(403);
  expect((await carol.post('/api/admin/dpa/publish', { data: {} })).status()).toBe(403);
  const bob = await requestAs(playwright, baseURL, ACCOUNTS.bob);
  expect((await bob.get('/api/admin/dpa/draft')).status()).toBe(403);
  expect((await bob.post('/api/dpa/executions', { data: signing })).status()).toBe(403);
  const anonymous = await requestAs(playwright, baseURL, null);
  expect((await anonymous.post('/api/dpa/executions', { data: signing })).status()).toBe(401);
  expect((await anonymous.post('/api/admin/dpa/publish', { data: {} })).status()).toBe(401);
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const tooLong = await alice.post('/api/admin/dpa/draft', { data: { title: 'x'.repeat(201) } });
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).error.code).toBe('invalid_title');
});
