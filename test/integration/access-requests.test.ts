import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessGrants, accessRequests } from '@/drizzle/schema';
import { ANONYMOUS, type Actor, type CustomerActor, type StaffActor } from '@/lib/core/actor';
import { manualClock, systemClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { approveRequest, denyRequest } from '@/lib/access/decide';
import { addDomainRule, decideByRules, domainAndParents, listDomainRules, removeDomainRule } from '@/lib/access/domain-rules';
import { cookieValue, tokensFromCookie } from '@/lib/access/grant-cookie';
import { isFreeMailDomain } from '@/lib/access/free-mail';
import { grantedDocuments, listActiveGrants, redeemToken, revokeGrant } from '@/lib/access/grants';
import { currentNda, listNdaVersions, ndaSha256, publishNda } from '@/lib/access/nda';
import { listAccessRequests } from '@/lib/access/queue';
import { fromForm, submitAccessRequest } from '@/lib/access/submit';
import { trustAdminEmails } from '@/lib/access/trust-admins';
import { downloadDocument } from '@/lib/documents/download';
import { createDocument } from '@/lib/documents/edit';
import { AppError } from '@/lib/core/errors';
import { deliverDueMail } from '@/lib/mail/deliver';
import { describeEachDatabase } from '../helpers/databases';
import { checkedSample, countRows, documentFields } from '../helpers/documents';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';
import { type TestMailServer, startTestMailServer } from '../helpers/mail-server/server';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : `unexpected: ${String(e)}`),
  );
const unique = () => randomBytes(4).toString('hex');
const CONTEXT = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (Test) Reviewer/1.0', notify: [] as string[] };

describe('domain decisions', () => {
  const rule = (decision: 'approve' | 'review' | 'deny', mutualNda = false) => ({
    id: 'r',
    domain: 'example.com',
    decision,
    mutualNda,
    note: '',
    createdAt: new Date(),
  });

  it('knows the free-mail providers, including country variants', () => {
    for (const d of [
      'gmail.com',
      'outlook.com',
      'hotmail.com',
      'hotmail.co.uk',
      'yahoo.com',
      'icloud.com',
      'proton.me',
      'gmx.de',
      'gmx.net',
      'web.de',
      'mail.ru',
      'yandex.ru',
      'aol.com',
    ]) {
      expect(isFreeMailDomain(d), d).toBe(true);
    }
    for (const d of ['acme.example', 'gmx-consulting.com', 'mygmail.com', 'gmx.evil.attacker.com', 'example.com']) expect(isFreeMailDomain(d), d).toBe(false);
  });

  it('applies rule, then customer domain, then free mail, then review; restricted documents always go to review', () => {
    const decide = (over: Partial<Parameters<typeof decideByRules>[0]>) =>
      decideByRules({ domain: 'example.com', rule: null, tenantDomain: false, restricted: false, ...over });
    expect(decide({})).toMatchObject({ decision: 'review', decidedBy: null });
    expect(decide({ tenantDomain: true })).toMatchObject({ decision: 'approve', decidedBy: 'tenant_domain' });
    expect(decide({ domain: 'gmail.com' })).toMatchObject({ decision: 'deny', decidedBy: 'free_mail' });
    expect(decide({ domain: 'gmail.com', rule: rule('approve') })).toMatchObject({ decision: 'approve', decidedBy: 'domain_rule' });
    expect(decide({ tenantDomain: true, rule: rule('deny') })).toMatchObject({ decision: 'deny', decidedBy: 'domain_rule' });
    expect(decide({ rule: rule('review', true) })).toMatchObject({ decision: 'review', decidedBy: null, mutualNda: true });
    expect(decide({ tenantDomain: true, restricted: true })).toMatchObject({ decision: 'review', decidedBy: null });
    expect(decide({ rule: rule('approve', true), restricted: true })).toMatchObject({ decision: 'review', mutualNda: true });
    expect(decide({ domain: 'gmail.com', restricted: true })).toMatchObject({ decision: 'deny' });
  });

  it('keeps at most five well-formed grant tokens in the cookie, newest first', () => {
    const tokens = Array.from({ length: 7 }, (_, i) => String(i).repeat(43));
    expect(tokensFromCookie(cookieValue(tokens))).toEqual(tokens.slice(0, 5));
    expect(tokensFromCookie(`${tokens[0]}.garbage.${tokens[0]}.${tokens[1]}`)).toEqual([tokens[0], tokens[1]]);
    expect(tokensFromCookie(undefined)).toEqual([]);
  });

  it('matches rules on the domain and its parents', () => {
    expect(domainAndParents('a.b.example.com')).toEqual(['a.b.example.com', 'b.example.com', 'example.com']);
  });

  it('collects the checkboxes of an HTML form', () => {
    expect(fromForm({ name: 'A', 'document:soc2': 'on', 'document:pen-test': 'on' })).toEqual({ name: 'A', documents: ['soc2', 'pen-test'] });
  });
});

describeEachDatabase('access requests', (t) => {
  let alice: StaffActor;
  let bob: StaffActor;
  let dan: CustomerActor;
  let customerDomain: string;
  let nda: { id: string; sha256: string; version: number };
  let ndaDoc: { id: string; slug: string };
  let otherNdaDoc: { id: string; slug: string };
  let restrictedDoc: { id: string; slug: string };
  let publicDoc: { id: string; slug: string };
  let mail: TestMailServer;

  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false, ignoreTLS: true });
  const deliver = () => deliverDueMail(t().db, transport(), 'Trust Center <no-reply@test.example>', systemClock);

  /** A request with everything filled in and the current NDA accepted; override what a test needs. */
  const request = (over: Record<string, unknown> = {}) => {
    const name = (over.name as string) ?? 'Rita Reviewer';
    return {
      name,
      email: `rita-${unique()}@prospect-${unique()}.example`,
      company: 'Prospect Ltd',
      reason: 'Vendor due diligence for our analytics tender.',
      documents: [ndaDoc.slug],
      ndaVersionId: nda.id,
      ndaSha256: nda.sha256,
      typedName: name,
      acceptNda: true,
      ...over,
    };
  };

  beforeAll(async () => {
    const { admin, db } = t();
    mail = await startTestMailServer();
    alice = await createStaff(admin, 'trust_admin');
    bob = await createStaff(admin, 'support');
    const tenant = await createTenant(admin);
    dan = await createCustomer(admin, tenant, 'customer_member');
    customerDomain = `${tenant.slug}.example`;
    await admin.transaction((q) => q.query('INSERT INTO identity_domains (domain, tenant_id) VALUES ($1, $2)', [customerDomain, tenant.id]));
    const published = await publishNda({ db, clock: systemClock, actor: alice }, { title: 'Mutual NDA', body: 'Line one.\r\n\r\nLine two.\r\n' });
    nda = { id: published.id, sha256: published.sha256, version: published.version };
    const addDocument = async (visibility: 'public' | 'nda' | 'restricted', title: string, sample: string) =>
      createDocument({ db, clock: systemClock, actor: alice }, documentFields({ visibility, title }), await checkedSample(sample));
    ndaDoc = await addDocument('nda', 'SOC 2 report', 'soc2');
    otherNdaDoc = await addDocument('nda', 'Pen test', 'pentest');
    restrictedDoc = await addDocument('restricted', 'BCP', 'bcp');
    publicDoc = await addDocument('public', 'Whitepaper', 'wp');
  });
  afterAll(async () => {
    await mail?.close();
  });

  it('publishes the NDA with the SHA-256 of its exact stored text', async () => {
    const current = await currentNda(t().db);
    expect(current).toMatchObject({ id: nda.id, body: 'Line one.\n\nLine two.', sha256: ndaSha256('Line one.\n\nLine two.') });
  });

  it('records the click-through and mails its PDF record to the reviewer and the trust admins', async () => {
    const input = request();
    const result = await submitAccessRequest(t().db, systemClock, input, { ...CONTEXT, notify: [alice.email] });
    expect(result.status).toBe('pending');
    const [acceptance] = await t().admin.transaction((q) =>
      q.query<Record<string, unknown>>(
        `SELECT a.nda_version_id, a.nda_sha256, a.typed_name, a.email, a.company, a.ip, a.user_agent, r.status
         FROM access_requests r JOIN nda_acceptances a ON a.id = r.nda_acceptance_id WHERE r.id = $1`,
        [result.id],
      ),
    );
    expect(acceptance).toEqual({
      nda_version_id: nda.id,
      nda_sha256: nda.sha256,
      typed_name: 'Rita Reviewer',
      email: input.email,
      company: 'Prospect Ltd',
      ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (Test) Reviewer/1.0',
      status: 'pending',
    });

    expect(await deliver()).toBeGreaterThanOrEqual(2);
    for (const to of [input.email, alice.email]) {
      const received = await mail.waitFor(to, to === alice.email ? /Access request from Rita Reviewer/ : /We received your request/);
      expect(received.attachments).toHaveLength(1);
      const pdf = Buffer.from(received.attachments[0].contentBase64, 'base64');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(os.tmpdir(), `acceptance-${unique()}.pdf`);
      fs.writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      fs.rmSync(file);
      for (const expected of [
        'Record of NDA acceptance',
        'Mutual NDA',
        nda.sha256,
        'Rita Reviewer',
        input.email,
        'Prospect Ltd',
        '203.0.113.7',
        'Reviewer/1.0',
        'Line two.',
      ]) {
        expect(text, expected).toContain(expected);
      }
    }
  });

  it('auto-approves a customer’s domain: one grant, a sign-in link by mail, and the document downloads with it', async () => {
    const input = request({ email: `buyer-${unique()}@${customerDomain}`, documents: [ndaDoc.slug, otherNdaDoc.slug] });
    const result = await submitAccessRequest(t().db, systemClock, input, CONTEXT);
    expect(result.status).toBe('approved');
    const [row] = await t().admin.transaction((q) =>
      q.query<{ decided_by_rule: string; expires_at: Date; created_at: Date }>(
        'SELECT r.decided_by_rule, g.expires_at, g.created_at FROM access_requests r JOIN access_grants g ON g.access_request_id = r.id WHERE r.id = $1',
        [result.id],
      ),
    );
    expect(row.decided_by_rule).toBe('tenant_domain');
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(7 * 86_400_000);

    await deliver();
    const granted = await mail.waitFor(input.email, /Your access to/);
    const link = granted.text.match(/http:\/\/localhost:3000\/access\/([A-Za-z0-9_-]{43})/);
    expect(link, granted.text).not.toBeNull();
    const token = link![1];
    expect(granted.text).toContain('SOC 2 report');
    expect(granted.text).toContain('Pen test');

    expect(await redeemToken(t().db, systemClock, token)).toMatchObject({ status: 'valid' });
    expect([...(await grantedDocuments(t().db, systemClock, [token])).keys()].sort()).toEqual([ndaDoc.slug, otherNdaDoc.slug].sort());
    const file = await downloadDocument(t().db, systemClock, ndaDoc.slug, { grantTokens: ['junk', token] });
    expect(file).toMatchObject({ kind: 'file', gated: true });
    expect(await countRows(t().admin, 'document_downloads', 'document_id = $1 AND access_grant_id IS NOT NULL', [ndaDoc.id])).toBe(1);
    // Scoped per document: the grant opens only what was asked for.
    expect(await downloadDocument(t().db, systemClock, restrictedDoc.slug, { grantTokens: [token] })).toMatchObject({ kind: 'forbidden' });
  });

  it('denies free-mail addresses with a polite refusal and no grant', async () => {
    const input = request({ email: `rita.${unique()}@gmail.com` });
    const result = await submitAccessRequest(t().db, systemClock, input, CONTEXT);
    expect(result.status).toBe('denied');
    expect(await countRows(t().admin, 'access_grants', 'access_request_id = $1', [result.id])).toBe(0);
    await deliver();
    const refusal = await mail.waitFor(input.email, /Your request for/);
    expect(refusal.text).toContain('company e-mail address');
  });

  it('follows explicit domain rules, and a mutual NDA skips the click-through', async () => {
    const denied = `denied-${unique()}.example`;
    const mutual = `mutual-${unique()}.example`;
    const reviewed = `review-${unique()}.example`;
    await addDomainRule({ db: t().db, clock: systemClock, actor: alice }, { domain: denied, decision: 'deny' });
    await addDomainRule(
      { db: t().db, clock: systemClock, actor: alice },
      { domain: `@${mutual.toUpperCase()}`, decision: 'approve', mutualNda: 'on', note: 'Signed 2026' },
    );
    await addDomainRule({ db: t().db, clock: systemClock, actor: alice }, { domain: reviewed, decision: 'review' });

    expect((await submitAccessRequest(t().db, systemClock, request({ email: `a@${denied}` }), CONTEXT)).status).toBe('denied');
    expect((await submitAccessRequest(t().db, systemClock, request({ email: `a@sub.${reviewed}` }), CONTEXT)).status).toBe('pending');

    // No NDA fields at all: the signed mutual NDA covers it.
    const bare = { name: 'Mo', email: `mo@${mutual}`, company: 'Mutual Co', reason: 'Renewal', documents: [ndaDoc.slug] };
    const result = await submitAccessRequest(t().db, systemClock, bare, { ...CONTEXT, notify: [alice.email] });
    expect(result.status).toBe('approved');
    const [row] = await t().admin.transaction((q) =>
      q.query<{ nda_acceptance_id: string | null; decided_by_rule: string }>('SELECT nda_acceptance_id, decided_by_rule FROM access_requests WHERE id = $1', [
        result.id,
      ]),
    );
    expect(row).toEqual({ nda_acceptance_id: null, decided_by_rule: 'domain_rule' });
    await deliver();
    expect((await mail.waitFor(`mo@${mutual}`, /We received/)).attachments).toEqual([]);

    // The same mutual domain asking for a restricted document still goes to a person.
    expect((await submitAccessRequest(t().db, systemClock, { ...bare, documents: [restrictedDoc.slug] }, CONTEXT)).status).toBe('pending');
  });

  it('sends restricted documents to review even for a customer’s domain', async () => {
    const result = await submitAccessRequest(
      t().db,
      systemClock,
      request({ email: `x-${unique()}@${customerDomain}`, documents: [restrictedDoc.slug, ndaDoc.slug] }),
      CONTEXT,
    );
    expect(result.status).toBe('pending');
    const { items } = await listAccessRequests({ db: t().db, actor: alice }, { view: 'pending', pageSize: 100 });
    const queued = items.find((i) => i.id === result.id)!;
    expect(queued.ruleOutcome).toMatchObject({ decision: 'review' });
    expect(queued.ruleOutcome!.reason).toMatch(/Restricted documents/);
    expect(queued.ndaVersion).toBe(nda.version);
    expect(queued.documents.map((d) => d.title).sort()).toEqual(['BCP', 'SOC 2 report']);
  });

  it('refuses bad input with a clear message and records nothing', async () => {
    const before = await Promise.all(['access_requests', 'nda_acceptances', 'mail_outbox'].map((table) => countRows(t().admin, table)));
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-address' }, '400 invalid_email'],
      [{ name: '' }, '400 invalid_name'],
      [{ company: ' ' }, '400 invalid_company'],
      [{ reason: 'x'.repeat(2001) }, '400 invalid_reason'],
      [{ documents: [] }, '400 invalid_documents'],
      [{ documents: ['no-such-document'] }, '400 invalid_documents'],
      [{ documents: [publicDoc.slug] }, '400 invalid_documents'],
      [{ acceptNda: false }, '400 nda_not_accepted'],
      [{ typedName: 'Someone Else' }, '400 typed_name_mismatch'],
      [{ typedName: '' }, '400 typed_name_mismatch'],
      [{ ndaSha256: 'f'.repeat(64) }, '409 nda_changed'],
      [{ ndaSha256: '' }, '409 nda_changed'],
      [{ ndaVersionId: 'not-a-uuid' }, '400 invalid_nda_version_id'],
    ];
    for (const [over, expected] of cases) {
      expect(await code(submitAccessRequest(t().db, systemClock, request(over), CONTEXT)), JSON.stringify(over)).toBe(expected);
    }
    expect(await code(submitAccessRequest(t().db, systemClock, 'nonsense', CONTEXT))).toBe('400 invalid_request');
    const after = await Promise.all(['access_requests', 'nda_acceptances', 'mail_outbox'].map((table) => countRows(t().admin, table)));
    expect(after).toEqual(before);
  });

  it('a trust admin approves from the queue; a second decision changes nothing', async () => {
    const { id } = await submitAccessRequest(t().db, systemClock, request(), CONTEXT);
    const approved = await approveRequest({ db: t().db, clock: systemClock, actor: alice }, id, { note: 'Known prospect' });
    expect(approved).toMatchObject({ status: 'approved', grant: { id: expect.any(String) } });
    expect(await code(denyRequest({ db: t().db, clock: systemClock, actor: alice }, id, {}))).toBe('409 already_decided');
    expect(await code(approveRequest({ db: t().db, clock: systemClock, actor: alice }, id, {}))).toBe('409 already_decided');
    expect(await countRows(t().admin, 'access_grants', 'access_request_id = $1', [id])).toBe(1);
    const { items } = await listAccessRequests({ db: t().db, actor: alice }, { view: 'decided', pageSize: 100 });
    expect(items.find((i) => i.id === id)).toMatchObject({ status: 'approved', decidedBy: 'Test Staff', decisionNote: 'Known prospect' });
    expect(await code(approveRequest({ db: t().db, clock: systemClock, actor: alice }, '00000000-0000-4000-8000-000000000000', {}))).toBe('404 not_found');
    expect(await code(approveRequest({ db: t().db, clock: systemClock, actor: alice }, 'nope', {}))).toBe('404 not_found');
    expect(await code(denyRequest({ db: t().db, clock: systemClock, actor: alice }, id, { note: 'x'.repeat(2001) }))).toBe('400 invalid_note');
  });

  it('concurrent approve and deny leave exactly one outcome', async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await submitAccessRequest(t().db, systemClock, request(), CONTEXT);
      const outcomes = await Promise.allSettled([
        approveRequest({ db: t().db, clock: systemClock, actor: alice }, id, {}),
        denyRequest({ db: t().db, clock: systemClock, actor: alice }, id, {}),
      ]);
      const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
      const rejected = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect((rejected[0].reason as AppError).code).toBe('already_decided');
      const [row] = await t().admin.transaction((q) => q.query<{ status: string }>('SELECT status FROM access_requests WHERE id = $1', [id]));
      const status = (fulfilled[0] as PromiseFulfilledResult<{ status: string }>).value.status;
      expect(row.status).toBe(status);
      expect(await countRows(t().admin, 'access_grants', 'access_request_id = $1', [id])).toBe(status === 'approved' ? 1 : 0);
      expect(
        await countRows(
          t().admin,
          'mail_outbox',
          "kind IN ('access_granted', 'access_denied') AND to_address = (SELECT email FROM access_requests WHERE id = $1)",
          [id],
        ),
      ).toBe(1);
    }
  });

  it('a revoked grant stops working at once', async () => {
    const input = request({ email: `rev-${unique()}@${customerDomain}` });
    await submitAccessRequest(t().db, systemClock, input, CONTEXT);
    await deliver();
    const token = (await mail.waitFor(input.email, /Your access to/)).text.match(/\/access\/([A-Za-z0-9_-]{43})/)![1];
    const active = await listActiveGrants({ db: t().db, clock: systemClock, actor: alice }, { pageSize: 100 });
    const grant = active.items.find((g) => g.email === input.email)!;
    expect(grant.documents).toEqual(['SOC 2 report']);
    await revokeGrant({ db: t().db, clock: systemClock, actor: alice }, grant.id);
    expect(await code(revokeGrant({ db: t().db, clock: systemClock, actor: alice }, grant.id))).toBe('409 already_revoked');
    expect(await redeemToken(t().db, systemClock, token)).toEqual({ status: 'revoked' });
    expect(await downloadDocument(t().db, systemClock, ndaDoc.slug, { grantTokens: [token] })).toMatchObject({ kind: 'forbidden' });
    expect((await grantedDocuments(t().db, systemClock, [token])).size).toBe(0);
    expect((await listActiveGrants({ db: t().db, clock: systemClock, actor: alice }, { pageSize: 100 })).items.some((g) => g.id === grant.id)).toBe(false);
  });

  it('a grant expires after the configured number of days', async () => {
    // Approved eight days ago: a seven-day grant ended yesterday, for the app and for the database.
    const clock = manualClock(new Date(Date.now() - 8 * 86_400_000));
    const input = request({ email: `old-${unique()}@${customerDomain}` });
    await submitAccessRequest(t().db, clock, input, CONTEXT);
    const [{ token_hash }] = await t().admin.transaction((q) =>
      q.query<{ token_hash: string }>('SELECT token_hash FROM access_grants WHERE email = $1', [input.email]),
    );
    await deliver();
    const token = (await mail.waitFor(input.email, /Your access to/)).text.match(/\/access\/([A-Za-z0-9_-]{43})/)![1];
    expect(token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await redeemToken(t().db, clock, token)).toMatchObject({ status: 'valid' });
    clock.advance(7 * 86_400_000 - 1000);
    expect(await redeemToken(t().db, clock, token)).toMatchObject({ status: 'valid' });
    clock.advance(1000);
    expect(await redeemToken(t().db, clock, token)).toEqual({ status: 'expired' });
    expect(await redeemToken(t().db, systemClock, token)).toEqual({ status: 'expired' });
    expect(await downloadDocument(t().db, systemClock, ndaDoc.slug, { grantTokens: [token] })).toMatchObject({ kind: 'forbidden' });
    expect(await redeemToken(t().db, systemClock, 'A'.repeat(43))).toEqual({ status: 'invalid' });
    expect(await redeemToken(t().db, systemClock, 'short')).toEqual({ status: 'invalid' });
  });

  it('a new NDA version voids nothing, and the next reviewer must accept it', async () => {
    const input = request({ email: `keep-${unique()}@${customerDomain}` });
    const before = await submitAccessRequest(t().db, systemClock, input, CONTEXT);
    const v2 = await publishNda({ db: t().db, clock: systemClock, actor: alice }, { title: 'Mutual NDA', body: 'Version two text.' });
    expect(v2.version).toBe(nda.version + 1);
    expect(await code(submitAccessRequest(t().db, systemClock, request(), CONTEXT))).toBe('409 nda_changed');
    const [row] = await t().admin.transaction((q) =>
      q.query<{ nda_version_id: string; status: string; revoked_at: Date | null }>(
        'SELECT a.nda_version_id, r.status, g.revoked_at FROM access_requests r JOIN nda_acceptances a ON a.id = r.nda_acceptance_id JOIN access_grants g ON g.access_request_id = r.id WHERE r.id = $1',
        [before.id],
      ),
    );
    expect(row).toEqual({ nda_version_id: nda.id, status: 'approved', revoked_at: null });
    const versions = await listNdaVersions({ db: t().db, actor: alice });
    expect(versions.items.map((v) => v.version).slice(0, 2)).toEqual([v2.version, nda.version]);
    const v1Id = nda.id;
    nda = { id: v2.id, sha256: v2.sha256, version: v2.version };
    expect((await submitAccessRequest(t().db, systemClock, request(), CONTEXT)).status).toBe('pending');
    // The hash decides which text was accepted; the version recorded is the one with that text.
    const stale = await submitAccessRequest(t().db, systemClock, request({ ndaVersionId: v1Id }), CONTEXT);
    const [recorded] = await t().admin.transaction((q) =>
      q.query<{ nda_version_id: string; nda_sha256: string }>(
        'SELECT a.nda_version_id, a.nda_sha256 FROM access_requests r JOIN nda_acceptances a ON a.id = r.nda_acceptance_id WHERE r.id = $1',
        [stale.id],
      ),
    );
    expect(recorded).toEqual({ nda_version_id: v2.id, nda_sha256: v2.sha256 });
    expect(await code(publishNda({ db: t().db, clock: systemClock, actor: alice }, { title: '', body: 'x' }))).toBe('400 invalid_title');
    expect(await code(publishNda({ db: t().db, clock: systemClock, actor: alice }, { title: 'x', body: '  \r\n ' }))).toBe('400 invalid_body');
  });

  it('manages domain rules; bad ones are refused', async () => {
    const domain = `rules-${unique()}.example`;
    const created = await addDomainRule({ db: t().db, clock: systemClock, actor: alice }, { domain, decision: 'review', note: 'Ask legal' });
    expect(await code(addDomainRule({ db: t().db, clock: systemClock, actor: alice }, { domain, decision: 'deny' }))).toBe('409 rule_exists');
    expect(await code(addDomainRule({ db: t().db, clock: systemClock, actor: alice }, { domain: 'https://x.example/', decision: 'deny' }))).toBe(
      '400 invalid_domain',
    );
    expect(await code(addDomainRule({ db: t().db, clock: systemClock, actor: alice }, { domain: 'x.example', decision: 'maybe' }))).toBe(
      '400 invalid_decision',
    );
    expect(await code(addDomainRule({ db: t().db, clock: systemClock, actor: alice }, { domain: 'y.example', decision: 'deny', mutualNda: true }))).toBe(
      '400 invalid_mutual_nda',
    );
    expect((await listDomainRules({ db: t().db, actor: alice })).some((r) => r.domain === domain)).toBe(true);
    await removeDomainRule({ db: t().db, actor: alice }, created.id);
    expect(await code(removeDomainRule({ db: t().db, actor: alice }, created.id))).toBe('404 not_found');
  });

  it('refuses support engineers, customers and the public, in the code and in the database', async () => {
    const { id } = await submitAccessRequest(t().db, systemClock, request(), CONTEXT);
    const refused: Actor[] = [bob, dan, ANONYMOUS];
    for (const actor of refused) {
      const label = actor.kind === 'anonymous' ? 'anonymous' : actor.role;
      expect(await code(approveRequest({ db: t().db, clock: systemClock, actor }, id, {})), label).toBe('403 forbidden');
      expect(await code(denyRequest({ db: t().db, clock: systemClock, actor }, id, {})), label).toBe('403 forbidden');
      expect(await code(listAccessRequests({ db: t().db, actor }, { view: 'pending' })), label).toBe('403 forbidden');
      expect(await code(listActiveGrants({ db: t().db, clock: systemClock, actor })), label).toBe('403 forbidden');
      expect(await code(revokeGrant({ db: t().db, clock: systemClock, actor }, id)), label).toBe('403 forbidden');
      expect(await code(addDomainRule({ db: t().db, clock: systemClock, actor }, { domain: 'z.example', decision: 'approve' })), label).toBe('403 forbidden');
      expect(await code(listDomainRules({ db: t().db, actor })), label).toBe('403 forbidden');
      expect(await code(publishNda({ db: t().db, clock: systemClock, actor }, { title: 'x', body: 'y' })), label).toBe('403 forbidden');
      expect(await code(listNdaVersions({ db: t().db, actor })), label).toBe('403 forbidden');
    }
    // Straight at the tables as support staff: the database refuses too.
    const approvedBySupport = await withActor(t().db, bob, (tx) =>
      tx.update(accessRequests).set({ status: 'approved', decidedAt: new Date() }).where(eq(accessRequests.id, id)).returning({ id: accessRequests.id }),
    );
    expect(approvedBySupport).toEqual([]);
    const grantBySupport = withActor(t().db, bob, (tx) =>
      tx.insert(accessGrants).values({ accessRequestId: id, email: 'bob@x.example', tokenHash: 'b'.repeat(64), expiresAt: new Date(Date.now() + 86_400_000) }),
    );
    expect(
      await grantBySupport.then(
        () => 'inserted',
        (e: unknown) => pgErrorCode(e),
      ),
    ).toBe('42501');
    const readBySupport = await withActor(t().db, bob, (tx) => tx.select().from(accessRequests));
    expect(readBySupport).toEqual([]);
    const readByPublic = await withActor(t().db, ANONYMOUS, (tx) => tx.select().from(accessRequests));
    expect(readByPublic).toEqual([]);
    const [row] = await t().admin.transaction((q) => q.query<{ status: string }>('SELECT status FROM access_requests WHERE id = $1', [id]));
    expect(row.status).toBe('pending');
  });

  it('finds the trust admins to notify', async () => {
    const emails = await trustAdminEmails(t().db);
    expect(emails).toContain(alice.email);
    expect(emails).not.toContain(bob.email);
    expect(emails).not.toContain(dan.email);
  });
});
