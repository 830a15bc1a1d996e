import { createHash, randomBytes } from 'node:crypto';
import { type APIRequestContext, type PlaywrightWorkerArgs, expect, test } from '@playwright/test';
import { MAILBOX_URL } from '../playwright.config';
import { damagedPdf, encryptedPdf, textPdf, zeroPagePdf } from '../test/helpers/bad-pdfs';
import { linkIn, mailTo } from '../test/helpers/mail-server/mailbox';
import { pdfInfo, pdfText, qpdfCheck } from '../test/helpers/pdf-tools';
import { ACCOUNTS, signIn } from './helpers';

const unique = () => randomBytes(4).toString('hex');
// Public forms are limited per client address; each reviewer speaks from its own address.
const from = () => ({ 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250) + 1}, 203.0.113.${Math.floor(Math.random() * 250) + 1}` });
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

async function context(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, email: string | null = null) {
  const request = await playwright.request.newContext({ baseURL });
  if (email) await signIn(request, email);
  return request;
}

/**
 * A reviewer's whole way to a gated PDF: the public request with the NDA accepted, a trust
 * admin's approval, the mailed link followed in the reviewer's own browser context.
 */
async function approvedReviewer(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined, alice: APIRequestContext, company: string) {
  const email = `reviewer-${unique()}@prospect-${unique()}.example`;
  const browser = await context(playwright, baseURL);
  const nda = (await (await browser.get('/api/nda')).json()).nda as { id: string; sha256: string };
  const filed = await browser.post('/api/access-requests', {
    headers: from(),
    data: {
      name: 'Rita Reviewer',
      email,
      company,
      reason: 'Vendor due diligence',
      documents: ['soc2-type2-report'],
      ndaVersionId: nda.id,
      ndaSha256: nda.sha256,
      typedName: 'Rita Reviewer',
      acceptNda: true,
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { request } = await filed.json();
  const approved = await alice.post(`/api/admin/access/requests/${request.id}/approve`, { data: { note: 'Known prospect' } });
  expect(approved.status(), await approved.text()).toBe(200);
  const link = linkIn(await mailTo(MAILBOX_URL, email, /Your access to/), `${baseURL}/access/`);
  expect((await browser.get(link, { maxRedirects: 0 })).status()).toBe(303);
  const grants = (await (await alice.get('/api/admin/access/grants')).json()).grants as { id: string; email: string }[];
  const grant = grants.find((g) => g.email === email)!;
  return { email, company, browser, grantId: grant.id };
}

test('each reviewer downloads a copy stamped with their name on every page; two reviewers get different copies', async ({ playwright, baseURL }) => {
  const alice = await context(playwright, baseURL, ACCOUNTS.alice);
  const jane = await approvedReviewer(playwright, baseURL, alice, 'Müller & Søn ΑΕ Тест');
  const omar = await approvedReviewer(playwright, baseURL, alice, 'Second Buyer Ltd');

  const copies = [];
  for (const reviewer of [jane, omar]) {
    const response = await reviewer.browser.get('/documents/soc2-type2-report.pdf');
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['cache-control']).toBe('private, no-store');
    const body = await response.body();
    expect(headers.etag, 'the ETag is the stamped copy’s hash').toBe(`"${createHash('sha256').update(body).digest('hex')}"`);
    await qpdfCheck(body);
    const info = await pdfInfo(body);
    expect(info.Keywords).toContain(`Issued to ${reviewer.email} (${reviewer.company})`);
    expect(info.Keywords).toContain(`grant ${reviewer.grantId}`);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (let page = 1; page <= pages; page++) {
      const text = oneLine(await pdfText(body, page));
      expect(text, `page ${page}`).toMatch(
        new RegExp(
          `Issued to ${reviewer.email.replace(/[.]/g, '\\.')} \\(.+\\) on \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d UTC · grant ${reviewer.grantId}`,
        ),
      );
      expect(text).toContain(reviewer.company);
    }
    copies.push({ body, etag: headers.etag });
  }
  expect(copies[0].body.equals(copies[1].body)).toBe(false);
  expect(copies[0].etag).not.toBe(copies[1].etag);
  expect(oneLine(await pdfText(copies[0].body))).not.toContain(omar.email);
  expect(oneLine(await pdfText(copies[1].body))).not.toContain(jane.email);

  // A public document goes out as stored, with no one's name on it.
  const open = await (await context(playwright, baseURL)).get('/documents/iso27001-certificate.pdf');
  expect(open.headers()['cache-control']).toBe('public, max-age=300');
  expect(await pdfText(await open.body())).not.toContain('Issued to');
  await Promise.all([alice.dispose(), jane.browser.dispose(), omar.browser.dispose()]);
});

test('a PDF that could not be stamped is refused at upload with a clear message, and nothing is stored', async ({ playwright, baseURL }) => {
  const alice = await context(playwright, baseURL, ACCOUNTS.alice);
  const total = async () => (await (await alice.get('/api/admin/documents')).json()).total as number;
  const before = await total();
  const slug = `stamp-${unique()}`;
  const multipart = (buffer: Buffer) => ({
    multipart: { slug, title: 'Stamping check', category: 'Tests', visibility: 'nda', file: { name: 'upload.pdf', mimeType: 'application/pdf', buffer } },
  });
  const cases = [
    ['encrypted, password to open', await encryptedPdf('password'), 422, 'encrypted_pdf'],
    ['encrypted, permissions only', await encryptedPdf('permissions'), 422, 'encrypted_pdf'],
    ['damaged', damagedPdf(), 415, 'damaged_pdf'],
    ['no pages', await zeroPagePdf(), 422, 'pdf_without_pages'],
  ] as const;
  for (const [label, buffer, status, code] of cases) {
    const response = await alice.post('/api/admin/documents', multipart(buffer));
    expect(response.status(), label).toBe(status);
    const { error } = await response.json();
    expect(error.code, label).toBe(code);
    expect(error.message.length, label).toBeGreaterThan(30);
  }
  expect(await total()).toBe(before);

  // A new version of an existing document, sent raw: refused the same way, the current version stays.
  const created = await alice.post('/api/admin/documents', multipart(textPdf('Stampable')));
  expect(created.status(), await created.text()).toBe(201);
  const { document } = await created.json();
  for (const [label, buffer, status, code] of cases) {
    const response = await alice.post(`/api/admin/documents/${document.id}/versions?filename=v2.pdf`, {
      headers: { 'Content-Type': 'application/pdf' },
      data: buffer,
    });
    expect(response.status(), label).toBe(status);
    expect((await response.json()).error.code, label).toBe(code);
  }
  const detail = await (await alice.get(`/api/admin/documents/${document.id}`)).json();
  expect(detail.versions).toHaveLength(1);

  // The staff form gets the same refusal back as a sentence on the page.
  const form = await alice.post('/api/admin/documents', { ...multipart(await encryptedPdf('permissions')), headers: { Accept: 'text/html' }, maxRedirects: 0 });
  expect(form.status()).toBe(303);
  expect(form.headers().location).toBe('/admin/documents/new?error=encrypted_pdf');
  const page = await alice.get('/admin/documents/new?error=encrypted_pdf');
  expect(await page.text()).toContain('cannot be stamped with each reviewer’s name');
  expect(await (await alice.post(`/api/admin/documents/${document.id}/archive`, { data: {} })).status()).toBe(200);
  await alice.dispose();
});
