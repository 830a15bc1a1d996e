import { expect, test } from '@playwright/test';
import { ACCOUNTS, requestAs } from './helpers';

const DAY = 86_400_000;
const STAFF_PAGES = ['/admin/certifications', '/admin/security', '/admin/updates', '/admin/settings'];

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

test('security.txt follows RFC 9116, with an expiry in the future and at most a year ahead', async ({ request, baseURL }) => {
  const response = await request.get('/.well-known/security.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
  expect(response.headers()['set-cookie']).toBeUndefined();
  const text = await response.text();
  const field = (name: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(`${name}: `))
      .map((l) => l.slice(name.length + 2));
  // (Another test changes the contact for a moment: only its form is fixed here.)
  expect(field('Contact')).toHaveLength(1);
  expect(field('Contact')[0]).toMatch(/^mailto:[a-z]+@northwind\.example$/);
  expect(field('Policy')).toEqual([`${baseURL}/vulnerability-disclosure`]);
  expect(field('Canonical')).toEqual([`${baseURL}/.well-known/security.txt`]);
  expect(field('Preferred-Languages')).toEqual(['en, de']);
  const [expires] = field('Expires');
  expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(Date.parse(expires)).toBeGreaterThan(Date.now());
  expect(Date.parse(expires)).toBeLessThanOrEqual(Date.now() + 365 * DAY);
  // The policy it names is a real page.
  const policy = await request.get('/vulnerability-disclosure');
  expect(policy.status()).toBe(200);
  expect(await policy.text()).toContain('How to report');
});

test('public content pages answer without setting cookies', async ({ request }) => {
  for (const path of ['/certifications', '/security', '/updates', '/updates?page=2', '/vulnerability-disclosure']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['set-cookie'], path).toBeUndefined();
  }
});

test('support engineers and customer members get 403 on the staff tools and their API; signed-out visitors sign in first', async ({ playwright, baseURL }) => {
  const apis: [string, string, object][] = [
    ['GET', '/api/admin/certifications', {}],
    ['POST', '/api/admin/certifications', { framework: 'Forged', status: 'attested' }],
    ['PATCH', '/api/admin/certifications/00000000-0000-4000-8000-000000000000', { status: 'attested' }],
    ['GET', '/api/admin/security-blocks', {}],
    ['POST', '/api/admin/security-blocks', { title: 'Forged', body: 'x' }],
    ['POST', '/api/admin/security-blocks/order', { order: [] }],
    ['GET', '/api/admin/updates', {}],
    ['POST', '/api/admin/updates', { title: 'Forged', body: 'x' }],
    ['GET', '/api/admin/settings', {}],
    ['PATCH', '/api/admin/settings', { vendorName: 'Forged' }],
    ['DELETE', '/api/admin/settings/logo', {}],
  ];
  for (const [email, status] of [
    [ACCOUNTS.bob, 403],
    [ACCOUNTS.dan, 403],
    [null, 401],
  ] as const) {
    const request = await requestAs(playwright, baseURL, email);
    for (const path of STAFF_PAGES) {
      const page = await request.get(path, { maxRedirects: 0 });
      if (email) expect(page.status(), `${email} ${path}`).toBe(403);
      else {
        expect(page.status(), path).toBe(307);
        expect(page.headers().location).toMatch(/^\/sign-in\?next=%2Fadmin/);
      }
    }
    for (const [method, path, data] of apis) {
      const response = await request.fetch(path, { method, data, maxRedirects: 0 });
      expect(response.status(), `${email} ${method} ${path}`).toBe(status);
      expect((await response.json()).error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
    }
    // A form post is refused the same way.
    const form = await request.post('/api/admin/certifications', { form: { framework: 'Forged', status: 'attested' }, maxRedirects: 0 });
    expect(form.status()).toBe(status);
    await request.dispose();
  }
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const { certifications } = await (await alice.get('/api/admin/certifications')).json();
  expect(certifications.map((c: { framework: string }) => c.framework)).not.toContain('Forged');
  expect((await (await alice.get('/api/admin/settings')).json()).settings.vendorName).toBe('Northwind Cloud');
  for (const path of STAFF_PAGES) expect((await alice.get(path)).status(), path).toBe(200);
  await alice.dispose();
});

test('a trust admin adds and changes a certification by JSON; the history records it and the public page shows it at once', async ({ playwright, baseURL }) => {
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const created = await alice.post('/api/admin/certifications', { data: { framework: 'TISAX Level 2', status: 'in_progress', targetDate: day(60) } });
  expect(created.status()).toBe(201);
  const { certification } = await created.json();
  expect(certification).toMatchObject({ slug: 'tisax-level-2', status: 'in_progress' });
  expect(await (await alice.get('/certifications')).text()).toContain('TISAX Level 2');

  const changed = await alice.patch(`/api/admin/certifications/${certification.id}`, {
    data: { status: 'audit_window', periodStart: day(-10), periodEnd: day(100) },
  });
  expect(changed.status()).toBe(200);
  expect((await changed.json()).changed).toBe(true);
  const { history } = await (await alice.get(`/api/admin/certifications/${certification.id}`)).json();
  expect(history).toHaveLength(2);
  expect(history[0]).toMatchObject({ changedByName: 'Alice Adams', before: { status: 'in_progress' }, after: { status: 'audit_window' } });
  await alice.dispose();
});

test('bad certification input gets a clear message and changes nothing, by JSON and by form', async ({ playwright, baseURL }) => {
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const { certifications } = await (await alice.get('/api/admin/certifications')).json();
  const target = certifications.find((c: { slug: string }) => c.slug === 'hipaa');
  const before = await (await alice.get(`/api/admin/certifications/${target.id}`)).json();
  for (const [data, code, message] of [
    [{ status: 'attested' }, 'period_required', 'needs an audit period'],
    [{ status: 'done' }, 'invalid_status', 'Choose one of the statuses'],
    [{ targetDate: '2026-02-30' }, 'invalid_target_date', 'target date as a date'],
    [{ framework: '' }, 'invalid_framework', 'framework’s name'],
    [{ reportDocumentId: '00000000-0000-4000-8000-000000000000' }, 'invalid_report_document_id', 'does not exist'],
  ] as const) {
    const response = await alice.patch(`/api/admin/certifications/${target.id}`, { data });
    expect(response.status(), code).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  }
  expect((await alice.post('/api/admin/certifications', { data: '{not json', headers: { 'content-type': 'application/json' } })).status()).toBe(400);
  expect((await alice.patch('/api/admin/certifications/00000000-0000-4000-8000-000000000000', { data: { status: 'in_progress' } })).status()).toBe(404);

  const form = await alice.post(`/api/admin/certifications/${target.id}`, {
    form: { framework: 'HIPAA', status: 'attested', periodStart: '', periodEnd: '', targetDate: '', description: '', reportDocumentId: '', position: '4' },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(303);
  expect(form.headers().location).toBe(`/admin/certifications/${target.id}?error=period_required`);
  expect(await (await alice.get(form.headers().location)).text()).toContain('needs an audit period: enter its start and end dates');
  expect(await (await alice.get(`/api/admin/certifications/${target.id}`)).json()).toEqual(before);
  await alice.dispose();
});

test('security blocks: add, edit, reorder, move and delete by JSON; bad input is refused and changes nothing', async ({ playwright, baseURL }) => {
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const created = await alice.post('/api/admin/security-blocks', { data: { title: 'Physical security', body: 'Our data centres are certified.' } });
  expect(created.status()).toBe(201);
  const { block } = await created.json();
  expect(block.slug).toBe('physical-security');
  expect(await (await alice.get('/security')).text()).toContain('Physical security');

  const edited = await alice.patch(`/api/admin/security-blocks/${block.id}`, { data: { body: 'Certified data centres with badge access.' } });
  expect((await edited.json()).block.body).toBe('Certified data centres with badge access.');
  const moved = await alice.post(`/api/admin/security-blocks/${block.id}/move`, { data: { direction: 'up' } });
  const movedIds = (await moved.json()).blocks.map((b: { id: string }) => b.id);
  expect(movedIds.at(-2)).toBe(block.id);
  const order = [block.id, ...movedIds.filter((id: string) => id !== block.id)];
  const reordered = await alice.post('/api/admin/security-blocks/order', { data: { order } });
  expect((await reordered.json()).blocks.map((b: { id: string }) => b.id)).toEqual(order);
  const html = await (await alice.get('/security')).text();
  expect(html.indexOf('Physical security')).toBeLessThan(html.indexOf('Encryption at rest and in transit'));

  const before = await (await alice.get('/api/admin/security-blocks')).json();
  for (const [path, data, code] of [
    ['/api/admin/security-blocks', { title: '', body: 'x' }, 'invalid_title'],
    ['/api/admin/security-blocks', { title: 'x', body: 'y'.repeat(10_001) }, 'invalid_body'],
    [`/api/admin/security-blocks/${block.id}`, { title: ' ' }, 'invalid_title'],
    [`/api/admin/security-blocks/${block.id}/move`, { direction: 'sideways' }, 'invalid_direction'],
    ['/api/admin/security-blocks/order', { order: order.slice(1) }, 'invalid_order'],
  ] as const) {
    const response = await alice.post(path, { data });
    expect(response.status(), code).toBe(400);
    expect((await response.json()).error.code).toBe(code);
  }
  const form = await alice.post('/api/admin/security-blocks', { form: { title: '', body: 'x' }, maxRedirects: 0 });
  expect(form.headers().location).toBe('/admin/security?error=invalid_title');
  expect(await (await alice.get('/admin/security?error=invalid_title')).text()).toContain('Enter a title, up to 120 characters.');
  expect(await (await alice.get('/api/admin/security-blocks')).json()).toEqual(before);

  expect((await alice.delete(`/api/admin/security-blocks/${block.id}`)).status()).toBe(200);
  expect((await alice.delete(`/api/admin/security-blocks/${block.id}`)).status()).toBe(404);
  expect(await (await alice.get('/security')).text()).not.toContain('Physical security');
  // Put the seeded order back for the other tests.
  await alice.post('/api/admin/security-blocks/order', { data: { order: order.slice(1) } });
  await alice.dispose();
});

test('news: post, edit and delete by JSON; scheduled items wait; bad input is refused', async ({ playwright, baseURL }) => {
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const posted = await alice.post('/api/admin/updates', { data: { title: 'Pen test completed', body: 'No high findings.' } });
  expect(posted.status()).toBe(201);
  const { update } = await posted.json();
  const scheduled = await alice.post('/api/admin/updates', {
    data: { title: 'Scheduled maintenance notice', body: 'Later.', publishedAt: new Date(Date.now() + 5 * DAY).toISOString() },
  });
  expect(scheduled.status()).toBe(201);
  let page = await (await alice.get('/updates')).text();
  expect(page).toContain('Pen test completed');
  expect(page).not.toContain('Scheduled maintenance notice');

  const edited = await alice.patch(`/api/admin/updates/${update.id}`, { data: { title: 'Annual penetration test completed' } });
  expect((await edited.json()).update.title).toBe('Annual penetration test completed');
  expect(await (await alice.get('/updates')).text()).toContain('Annual penetration test completed');

  const { total } = await (await alice.get('/api/admin/updates')).json();
  for (const [data, code] of [
    [{ title: '', body: 'x' }, 'invalid_title'],
    [{ title: 'x', body: '' }, 'invalid_body'],
    [{ title: 'x', body: 'y', publishedAt: 'next week' }, 'invalid_published_at'],
    [{ title: 'x', body: 'y', publishedAt: new Date(Date.now() + 500 * DAY).toISOString() }, 'invalid_published_at'],
  ] as const) {
    const response = await alice.post('/api/admin/updates', { data });
    expect(response.status(), code).toBe(400);
    expect((await response.json()).error.code).toBe(code);
  }
  const form = await alice.post('/api/admin/updates', { form: { title: 'x', body: 'y', publishedAt: 'soon' }, maxRedirects: 0 });
  expect(form.headers().location).toBe('/admin/updates?error=invalid_published_at');
  expect((await (await alice.get('/api/admin/updates')).json()).total).toBe(total);

  expect((await alice.delete(`/api/admin/updates/${update.id}`)).status()).toBe(200);
  expect((await alice.delete(`/api/admin/updates/${(await scheduled.json()).update.id}`)).status()).toBe(200);
  page = await (await alice.get('/updates')).text();
  expect(page).not.toContain('Annual penetration test completed');
  await alice.dispose();
});

test('settings: saved by JSON, refused when bad, reflected at once in security.txt and the policy page', async ({ playwright, baseURL }) => {
  const alice = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const original = (await (await alice.get('/api/admin/settings')).json()).settings;

  for (const [data, code] of [
    [{ securityTxtExpiresAt: day(400) }, 'expiry_too_far'],
    [{ securityTxtExpiresAt: day(-1) }, 'expiry_past'],
    [{ securityContact: 'phone us' }, 'invalid_security_contact'],
    [{ statusPageUrl: 'javascript:alert(1)' }, 'invalid_status_page_url'],
    [{ preferredLanguages: 'English, German' }, 'invalid_preferred_languages'],
    [{ accessGrantDays: 120 }, 'invalid_access_grant_days'],
    [{ vendorName: '' }, 'invalid_vendor_name'],
  ] as const) {
    const response = await alice.patch('/api/admin/settings', { data });
    expect(response.status(), code).toBe(400);
    expect((await response.json()).error.code).toBe(code);
  }
  const fields = ['vendorName', 'tagline', 'overview', 'securityContact', 'preferredLanguages', 'disclosurePolicy', 'accessGrantDays'];
  const form = await alice.post('/api/admin/settings', {
    form: { ...Object.fromEntries(fields.map((f) => [f, original[f]])), statusPageUrl: original.statusPageUrl ?? '', securityTxtExpiresAt: day(500) },
    maxRedirects: 0,
  });
  expect(form.headers().location).toBe('/admin/settings?error=expiry_too_far');
  expect(await (await alice.get('/admin/settings?error=expiry_too_far')).text()).toContain('at most 365 days ahead');
  expect((await (await alice.get('/api/admin/settings')).json()).settings).toEqual(original);

  const saved = await alice.patch('/api/admin/settings', {
    data: {
      securityTxtExpiresAt: day(90),
      securityContact: 'vulns@northwind.example',
      disclosurePolicy: `${original.disclosurePolicy}\n\n## Safe harbour\nWe will not sue.`,
    },
  });
  expect(saved.status()).toBe(200);
  const txt = await (await alice.get('/.well-known/security.txt')).text();
  expect(txt).toContain('Contact: mailto:vulns@northwind.example');
  expect(txt).toContain(`Expires: ${day(90)}T00:00:00Z`);
  expect(await (await alice.get('/vulnerability-disclosure')).text()).toContain('Safe harbour');

  // Logo: a disguised file is refused by its bytes, an oversized one by its size (the browser test uploads real ones).
  expect((await alice.post('/api/admin/settings/logo', { data: Buffer.from('GIF89a....'), headers: { 'content-type': 'image/png' } })).status()).toBe(415);
  expect((await alice.post('/api/admin/settings/logo', { data: Buffer.alloc(300 * 1024), headers: { 'content-type': 'image/png' } })).status()).toBe(413);
  const restored = await alice.patch('/api/admin/settings', {
    data: { securityTxtExpiresAt: original.securityTxtExpiresAt, securityContact: original.securityContact, disclosurePolicy: original.disclosurePolicy },
  });
  expect(restored.status()).toBe(200);
  await alice.dispose();
});
