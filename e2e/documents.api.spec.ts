import { randomBytes } from 'node:crypto';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { MAILBOX_URL } from '../playwright.config';
import { linkIn, mailTo } from '../test/helpers/mail-server/mailbox';
import { plainPdf } from '../lib/documents/plain-pdf';
import { ACCOUNTS, requestAs } from './helpers';

const unique = () => randomBytes(4).toString('hex');
// Public forms are limited per client address; each test speaks from its own address.
const from = () => ({ 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250) + 1}, 203.0.113.${Math.floor(Math.random() * 250) + 1}` });

async function currentNda(request: APIRequestContext) {
  const response = await request.get('/api/nda');
  expect(response.status()).toBe(200);
  return (await response.json()).nda as { id: string; sha256: string; version: number; body: string };
}

async function accessRequest(request: APIRequestContext, email: string, documents: string[], headers = from()) {
  const nda = await currentNda(request);
  return request.post('/api/access-requests', {
    headers,
    data: {
      name: 'Rita Reviewer',
      email,
      company: 'Prospect Ltd',
      reason: 'Vendor due diligence',
      documents,
      ndaVersionId: nda.id,
      ndaSha256: nda.sha256,
      typedName: 'Rita Reviewer',
      acceptNda: true,
    },
  });
}

test('a public PDF downloads with its type, name, ETag and cache header, and sets no cookie', async ({ request }) => {
  const page = await request.get('/documents');
  expect(page.status()).toBe(200);
  expect(page.headers()['set-cookie']).toBeUndefined();

  const response = await request.get('/documents/iso27001-certificate.pdf');
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['content-type']).toBe('application/pdf');
  expect(headers['content-disposition']).toBe('inline; filename="Northwind-Cloud-ISO-27001-Certificate.pdf"');
  expect(headers['cache-control']).toBe('public, max-age=300');
  expect(headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
  expect(headers['set-cookie']).toBeUndefined();
  expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect((await request.get('/documents/iso27001-certificate.pdf', { headers: { 'If-None-Match': headers.etag } })).status()).toBe(304);

  expect((await request.get('/documents/no-such-document.pdf')).status()).toBe(404);
  expect((await request.get('/documents/iso27001-certificate.txt')).status()).toBe(404);
});

test('a gated PDF without a grant is 403, as JSON for programs and as a page for browsers', async ({ request }) => {
  const json = await request.get('/documents/soc2-type2-report.pdf');
  expect(json.status()).toBe(403);
  expect((await json.json()).error.code).toBe('access_required');
  const html = await request.get('/documents/soc2-type2-report.pdf', { headers: { Accept: 'text/html' } });
  expect(html.status()).toBe(403);
  expect(await html.text()).toContain('This document needs approved access');
});

test('a reviewer asks, a trust admin approves, the link opens the PDF; revoked, it is 403', async ({ playwright, baseURL }) => {
  const reviewer = `rita-${unique()}@prospect-${unique()}.example`;
  const anonymous = await requestAs(playwright, baseURL, null);
  const filed = await accessRequest(anonymous, reviewer, ['soc2-type2-report']);
  expect(filed.status(), await filed.text()).toBe(201);
  const { request: created } = await filed.json();
  expect(created.status).toBe('received');
  expect(filed.headers()['set-cookie']).toBeUndefined();
  await mailTo(MAILBOX_URL, reviewer, /We received your request/);

  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const queue = await (await alice.get('/api/admin/access/requests?view=pending')).json();
  const queued = queue.requests.find((r: { id: string }) => r.id === created.id);
  expect(queued).toMatchObject({ email: reviewer, company: 'Prospect Ltd', ndaVersion: 1, documents: [{ slug: 'soc2-type2-report' }] });
  const approved = await alice.post(`/api/admin/access/requests/${created.id}/approve`, { data: { note: 'Known prospect' } });
  expect(approved.status(), await approved.text()).toBe(200);
  expect((await alice.post(`/api/admin/access/requests/${created.id}/deny`, { data: {} })).status()).toBe(409);

  const mail = await mailTo(MAILBOX_URL, reviewer, /Your access to/);
  const link = linkIn(mail, `${baseURL}/access/`);
  const browser = await requestAs(playwright, baseURL, null);
  const followed = await browser.get(link, { maxRedirects: 0 });
  expect(followed.status()).toBe(303);
  expect(followed.headers().location).toBe('/documents?access=granted#documents-list');
  expect(followed.headers()['set-cookie']).toMatch(/^tc_grant=[A-Za-z0-9_-]{43};.*HttpOnly/i);
  expect(followed.headers()['set-cookie']).toMatch(/SameSite=lax/i);

  const pdf = await browser.get('/documents/soc2-type2-report.pdf');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['cache-control']).toBe('private, no-store');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect((await browser.get('/documents/pen-test-summary-2026.pdf')).status(), 'only the documents asked for').toBe(403);
  expect((await anonymous.get('/documents/soc2-type2-report.pdf')).status(), 'without the grant').toBe(403);

  const grants = await (await alice.get('/api/admin/access/grants')).json();
  const grant = grants.grants.find((g: { email: string }) => g.email === reviewer);
  expect((await alice.post(`/api/admin/access/grants/${grant.id}/revoke`, { data: {} })).status()).toBe(200);
  expect((await browser.get('/documents/soc2-type2-report.pdf')).status()).toBe(403);
  const again = await browser.get(link, { maxRedirects: 0 });
  expect(again.headers().location).toBe('/access/invalid?reason=revoked');
  expect((await browser.get('/access/not-a-token', { maxRedirects: 0 })).headers().location).toBe('/access/invalid?reason=invalid');
  await Promise.all([anonymous.dispose(), alice.dispose(), browser.dispose()]);
});

test('rules decide at once: a customer domain is approved, a free-mail address denied', async ({ playwright, baseURL }) => {
  const anonymous = await requestAs(playwright, baseURL, null);
  const customer = `buyer-${unique()}@acme.example`;
  const approved = await accessRequest(anonymous, customer, ['pen-test-summary-2026']);
  // The answer is the same whatever the rules decided; the outcome goes to the inbox only.
  expect((await approved.json()).request.status).toBe('received');
  expect(linkIn(await mailTo(MAILBOX_URL, customer, /Your access to/), `${baseURL}/access/`)).toMatch(/\/access\/[A-Za-z0-9_-]{43}$/);

  const freeMail = `rita.${unique()}@gmail.com`;
  const denied = await accessRequest(anonymous, freeMail, ['pen-test-summary-2026']);
  expect((await denied.json()).request.status).toBe('received');
  expect((await mailTo(MAILBOX_URL, freeMail, /Your request for/)).text).toContain('company e-mail address');

  const buyer = `buyer-${unique()}@acme.example`;
  const restricted = await accessRequest(anonymous, buyer, ['business-continuity-plan']);
  expect((await restricted.json()).request.status).toBe('received');
  // Restricted documents are always reviewed, even for a customer's domain.
  expect((await mailTo(MAILBOX_URL, buyer, /We received your request/)).text).toContain('Our team will review it');
  await anonymous.dispose();
});

test('bad input on the public form gets a clear message and changes nothing', async ({ playwright, baseURL }) => {
  const anonymous = await requestAs(playwright, baseURL, null);
  const headers = from();
  const nda = await currentNda(anonymous);
  const email = `rita-${unique()}@prospect-${unique()}.example`;
  const valid = {
    name: 'Rita',
    email,
    company: 'P',
    reason: 'R',
    documents: ['soc2-type2-report'],
    ndaVersionId: nda.id,
    ndaSha256: nda.sha256,
    typedName: 'Rita',
    acceptNda: true,
  };
  for (const [over, status, code] of [
    [{ email: 'nope' }, 400, 'invalid_email'],
    [{ documents: [] }, 400, 'invalid_documents'],
    [{ documents: ['iso27001-certificate'] }, 400, 'invalid_documents'],
    [{ acceptNda: false }, 400, 'nda_not_accepted'],
    [{ typedName: 'Mallory' }, 400, 'typed_name_mismatch'],
    [{ ndaSha256: '0'.repeat(64) }, 409, 'nda_changed'],
  ] as const) {
    const response = await anonymous.post('/api/access-requests', { headers, data: { ...valid, ...over } });
    expect(response.status(), JSON.stringify(over)).toBe(status);
    const { error } = await response.json();
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  }
  const form = await anonymous.post('/api/access-requests', {
    headers: { ...headers, Accept: 'text/html' },
    form: { name: 'Rita', email: 'not-an-email', company: 'P', reason: 'R', 'document:soc2-type2-report': 'on' },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(303);
  expect(form.headers().location).toBe('/documents?error=invalid_email');
  const page = await anonymous.get('/documents?error=invalid_email');
  expect(await page.text()).toContain('Enter your work e-mail address');

  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  for (const view of ['pending', 'decided']) {
    const { requests } = await (await alice.get(`/api/admin/access/requests?view=${view}`)).json();
    expect(
      requests.filter((r: { email: string }) => r.email === email),
      view,
    ).toEqual([]);
  }
  const outbox = await fetch(`${MAILBOX_URL}/messages?to=${encodeURIComponent(email)}`);
  expect(await outbox.json(), 'no mail went out').toEqual([]);
  await Promise.all([alice.dispose(), anonymous.dispose()]);
});

test('past the limit the public form answers 429 with Retry-After', async ({ request }) => {
  const headers = { 'X-Forwarded-For': `192.0.2.${Math.floor(Math.random() * 250) + 1}` };
  let last = 0;
  for (let i = 0; i < 11; i++) {
    const response = await request.post('/api/access-requests', { headers, data: { email: 'bad' } });
    last = response.status();
    if (i < 10) expect(last, `request ${i + 1}`).toBe(400);
    else {
      expect(last).toBe(429);
      expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
      expect((await response.json()).error.code).toBe('rate_limited');
    }
  }
  const html = await request.post('/api/access-requests', { headers: { ...headers, Accept: 'text/html' }, form: { email: 'bad' }, maxRedirects: 0 });
  expect(html.status()).toBe(429);
  expect(await html.text()).toContain('Too many requests');
});

test('support engineers, customer members and signed-out callers cannot use the staff tools', async ({ playwright, baseURL }) => {
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const { documents } = await (await alice.get('/api/admin/documents')).json();
  const soc2 = documents.find((d: { slug: string }) => d.slug === 'soc2-type2-report');
  const { rules } = await (await alice.get('/api/admin/access/rules')).json();
  const anyId = '00000000-0000-4000-8000-000000000000';
  const calls: [string, string, Record<string, unknown>?][] = [
    ['GET', '/api/admin/documents'],
    ['POST', '/api/admin/documents'],
    ['GET', `/api/admin/documents/${soc2.id}`],
    ['PATCH', `/api/admin/documents/${soc2.id}`, { title: 'Hacked', category: 'x', description: '', visibility: 'public', validUntil: null }],
    ['POST', `/api/admin/documents/${soc2.id}/versions`],
    ['GET', `/api/admin/documents/${soc2.id}/versions/1`],
    ['POST', `/api/admin/documents/${soc2.id}/archive`, {}],
    ['GET', '/api/admin/access/requests'],
    ['POST', `/api/admin/access/requests/${anyId}/approve`, {}],
    ['POST', `/api/admin/access/requests/${anyId}/deny`, {}],
    ['GET', '/api/admin/access/grants'],
    ['POST', `/api/admin/access/grants/${anyId}/revoke`, {}],
    ['GET', '/api/admin/access/rules'],
    ['POST', '/api/admin/access/rules', { domain: 'evil.example', decision: 'approve' }],
    ['DELETE', `/api/admin/access/rules/${rules[0].id}`],
    ['GET', '/api/admin/access/nda'],
    ['POST', '/api/admin/access/nda', { title: 'x', body: 'y' }],
  ];
  for (const [who, status] of [
    [ACCOUNTS.bob, 403],
    [ACCOUNTS.dan, 403],
    [null, 401],
  ] as const) {
    const context = await requestAs(playwright, baseURL, who);
    for (const [method, url, data] of calls) {
      const response = await context.fetch(url, { method, data });
      expect(response.status(), `${who} ${method} ${url}`).toBe(status);
    }
    for (const page of ['/admin/documents', '/admin/documents/new', `/admin/documents/${soc2.id}`, '/admin/access-requests', '/admin/access-requests/nda']) {
      const response = await context.get(page, { maxRedirects: 0 });
      expect(response.status(), `${who} ${page}`).toBe(who ? 403 : 307);
    }
    await context.dispose();
  }
  const after = await (await alice.get(`/api/admin/documents/${soc2.id}`)).json();
  expect(after.document.title).toBe('SOC 2 Type 2 report');
  expect((await (await alice.get('/api/admin/access/rules')).json()).rules).toHaveLength(rules.length);
  await alice.dispose();
});

test('a trust admin uploads and versions a document; bad files and fields are refused and change nothing', async ({ playwright, baseURL }) => {
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const count = async () => (await (await alice.get('/api/admin/documents')).json()).total as number;
  const before = await count();
  const slug = `e2e-${unique()}`;
  const pdf = plainPdf({ title: 'E2E', author: 'e2e', sections: [{ paragraphs: ['first'] }], footer: 'e2e', createdAt: new Date() });
  const multipart = (file: { name: string; mimeType: string; buffer: Buffer }, fields: Record<string, string> = {}) => ({
    multipart: { slug, title: 'E2E document', category: 'Tests', visibility: 'public', ...fields, file },
  });

  for (const [file, fields, status, code] of [
    [{ name: 'a.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html></html>') }, {}, 415, 'not_a_pdf'],
    [{ name: 'a.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) }, {}, 400, 'empty_file'],
    [{ name: 'a.pdf', mimeType: 'application/pdf', buffer: pdf }, { slug: 'Bad Slug' }, 400, 'invalid_slug'],
    [{ name: 'a.pdf', mimeType: 'application/pdf', buffer: pdf }, { visibility: 'secret' }, 400, 'invalid_visibility'],
  ] as const) {
    const response = await alice.post('/api/admin/documents', multipart(file, fields));
    expect(response.status(), code).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  }
  const huge = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
  huge.write('%PDF-1.4\n', 0);
  huge.write('%%EOF\n', huge.length - 6);
  const tooLarge = await alice.post('/api/admin/documents', multipart({ name: 'big.pdf', mimeType: 'application/pdf', buffer: huge }));
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error.code).toBe('file_too_large');
  expect(await count()).toBe(before);

  const created = await alice.post('/api/admin/documents', multipart({ name: 'E2E v1.pdf', mimeType: 'application/pdf', buffer: pdf }));
  expect(created.status(), await created.text()).toBe(201);
  const { document } = await created.json();
  expect((await alice.post('/api/admin/documents', multipart({ name: 'x.pdf', mimeType: 'application/pdf', buffer: pdf }))).status()).toBe(409);

  const second = plainPdf({ title: 'E2E', author: 'e2e', sections: [{ paragraphs: ['second'] }], footer: 'e2e', createdAt: new Date() });
  const raw = await alice.post(`/api/admin/documents/${document.id}/versions?filename=v2.pdf&note=raw%20upload`, {
    headers: { 'Content-Type': 'application/pdf' },
    data: second,
  });
  expect(raw.status(), await raw.text()).toBe(201);
  expect((await raw.json()).version.version).toBe(2);
  const notPdf = await alice.post(`/api/admin/documents/${document.id}/versions`, {
    headers: { 'Content-Type': 'application/pdf' },
    data: Buffer.from('GIF89a'),
  });
  expect(notPdf.status()).toBe(415);
  const wrongType = await alice.post(`/api/admin/documents/${document.id}/versions`, { headers: { 'Content-Type': 'text/plain' }, data: 'x' });
  expect(wrongType.status()).toBe(415);

  const downloaded = await (await playwright.request.newContext({ baseURL })).get(`/documents/${slug}.pdf`);
  expect((await downloaded.body()).equals(second)).toBe(true);

  const edit = { title: 'E2E document', category: 'Tests', description: '', visibility: 'public', validUntil: null };
  expect((await alice.patch(`/api/admin/documents/${document.id}`, { data: { ...edit, title: '' } })).status()).toBe(400);
  expect((await alice.patch(`/api/admin/documents/${document.id}`, { data: { ...edit, visibility: 'nda', validUntil: '31.12.2026' } })).status()).toBe(400);
  expect((await alice.patch(`/api/admin/documents/${document.id}`, { data: { title: 'T', category: 'Tests', visibility: 'nda' } })).status()).toBe(400);
  const detail = await (await alice.get(`/api/admin/documents/${document.id}`)).json();
  expect(detail.document).toMatchObject({ title: 'E2E document', visibility: 'public' });
  expect(detail.versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
    [2, 'raw upload'],
    [1, ''],
  ]);

  expect((await alice.post('/api/admin/access/rules', { data: { domain: 'https://x', decision: 'approve' } })).status()).toBe(400);
  expect((await alice.post('/api/admin/access/nda', { data: { title: 'NDA', body: '   ' } })).status()).toBe(400);
  expect((await alice.post(`/api/admin/documents/${document.id}/archive`, { data: {} })).status()).toBe(200);
  expect((await (await playwright.request.newContext({ baseURL })).get(`/documents/${slug}.pdf`)).status()).toBe(404);
  await alice.dispose();
});
