import { createHash, randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { StaffActor } from '@/lib/core/actor';
import { manualClock, systemClock } from '@/lib/core/clock';
import { approveRequest } from '@/lib/access/decide';
import { addDomainRule } from '@/lib/access/domain-rules';
import { publishNda } from '@/lib/access/nda';
import { submitAccessRequest } from '@/lib/access/submit';
import { type DownloadResult, downloadDocument } from '@/lib/documents/download';
import { createDocument } from '@/lib/documents/edit';
import type { GeneratedRenderer } from '@/lib/pdf/generated';
import { RENDERERS } from '@/lib/documents/generators';
import { checkPdf } from '@/lib/documents/pdf-file';
import { readVersionFile, uploadVersion } from '@/lib/documents/versions';
import { AppError } from '@/lib/core/errors';
import { deliverDueMail } from '@/lib/mail/deliver';
import { contentKey } from '@/lib/pdf/render-cache';
import { damagedPdf, encryptedPdf, mixedPagesPdf, textPdf, zeroPagePdf } from '../helpers/bad-pdfs';
import { describeEachDatabase } from '../helpers/databases';
import { countRows, documentFields } from '../helpers/documents';
import { createStaff } from '../helpers/factories';
import { type TestMailServer, startTestMailServer } from '../helpers/mail-server/server';
import { infoDict } from '../helpers/pdf-render';
import { pdfInfo, pdfText, qpdfCheck } from '../helpers/pdf-tools';

const unique = () => randomBytes(4).toString('hex');
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : `unexpected: ${String(e)}`),
  );
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

function fileOf(result: DownloadResult) {
  if (result.kind !== 'file') throw new Error(`expected a file, got ${JSON.stringify(result)}`);
  return result;
}

describeEachDatabase('stamped copies of gated documents', (t) => {
  let alice: StaffActor;
  let mail: TestMailServer;
  let domain: string;
  let original: Buffer;
  let gated: { id: string; slug: string };
  let generated: { id: string; slug: string };
  let publicDoc: { id: string; slug: string };
  const generatedPdf = textPdf('Generated questionnaire', 45);
  const previousRenderer = RENDERERS.questionnaire;
  const clock = manualClock(new Date('2026-11-24T14:03:27Z'));

  /** A reviewer's request through the public form's code path, approved by a domain rule (or by alice), and the mailed link's token. */
  async function grantFor(email: string, company: string, documents: string[], { review = false } = {}) {
    const submitted = await submitAccessRequest(
      t().db,
      systemClock,
      { name: 'Rita Reviewer', email, company, reason: 'Vendor due diligence', documents },
      { ip: '203.0.113.9', userAgent: 'Test', notify: [] },
    );
    if (review) await approveRequest({ db: t().db, clock: systemClock, actor: alice }, submitted.id, { note: 'ok' });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false, ignoreTLS: true });
    await deliverDueMail(t().db, transport, 'Trust Center <no-reply@test.example>', systemClock);
    const granted = await mail.waitFor(email, /Your access to/);
    const token = granted.text.match(/\/access\/([A-Za-z0-9_-]{43})/)![1];
    const [grant] = await t().admin.transaction((q) => q.query<{ id: string }>('SELECT id FROM access_grants WHERE email = $1', [email]));
    return { token, grantId: grant.id };
  }

  beforeAll(async () => {
    const { admin, db } = t();
    mail = await startTestMailServer();
    alice = await createStaff(admin, 'trust_admin');
    await publishNda({ db, clock: systemClock, actor: alice }, { title: 'Mutual NDA', body: 'Keep it confidential.' });
    domain = `stamp-${unique()}.example`;
    // A signed mutual NDA on file: requests from the domain are approved without the click-through.
    await addDomainRule({ db, clock: systemClock, actor: alice }, { domain, decision: 'approve', mutualNda: 'on' });
    original = await mixedPagesPdf();
    gated = await createDocument(
      { db, clock: systemClock, actor: alice },
      documentFields({ visibility: 'nda', title: 'Pen test report' }),
      await checkPdf(original, 'pentest.pdf', 'x'),
    );
    publicDoc = await createDocument(
      { db, clock: systemClock, actor: alice },
      documentFields({ visibility: 'public', title: 'Whitepaper' }),
      await checkPdf(textPdf('Whitepaper'), 'wp.pdf', 'x'),
    );
    // A generated document (the questionnaires and the DPA are rows like this one): rendered once, stamped per copy.
    const render: GeneratedRenderer = async (_db, _clock, doc) => ({
      filename: `${doc.slug}.pdf`,
      pdf: { key: contentKey({ test: doc.slug }), bytes: generatedPdf, sha256: sha256(generatedPdf) },
    });
    RENDERERS.questionnaire = render;
    const slug = `generated-${unique()}`;
    const [row] = await admin.transaction((q) =>
      q.query<{ id: string }>(
        "INSERT INTO documents (slug, title, category, visibility, generator) VALUES ($1, 'Security questionnaire', 'Questionnaires', 'nda', 'questionnaire') RETURNING id",
        [slug],
      ),
    );
    generated = { id: row.id, slug };
  });
  afterAll(async () => {
    RENDERERS.questionnaire = previousRenderer;
    await mail?.close();
  });

  it('hands a reviewer a copy naming them on every page and in its metadata; the stored file stays as uploaded', async () => {
    const email = `jane-${unique()}@${domain}`;
    const company = 'Müller & Søn ΑΕ Тест';
    const { token, grantId } = await grantFor(email, company, [gated.slug]);
    const file = fileOf(await downloadDocument(t().db, clock, gated.slug, { grantTokens: [token] }));
    expect(file).toMatchObject({ gated: true, filename: 'pentest.pdf' });
    expect(file.sha256, 'the ETag is the stamped copy’s own hash').toBe(sha256(file.content));
    expect(file.sha256).not.toBe(sha256(original));
    await qpdfCheck(file.content);
    const info = await pdfInfo(file.content);
    expect(info.Pages).toBe('7');
    expect(info).toMatchObject({ Title: 'Mixed pages', Author: 'Test Author' });
    expect(info.Keywords).toContain(`Issued to ${email} (${company}) on 24 Nov 2026, 14:03 UTC · grant ${grantId}`);
    expect(await infoDict(file.content)).toMatchObject({ IssuedTo: email, IssuedToCompany: company, IssuedAt: '2026-11-24T14:03:27Z', AccessGrant: grantId });
    for (let page = 1; page <= 7; page++) {
      expect(oneLine(await pdfText(file.content, page)), `page ${page}`).toContain(
        `Issued to ${email} (${company}) on 24 Nov 2026, 14:03 UTC · grant ${grantId}`,
      );
    }
    const stored = await readVersionFile({ db: t().db, actor: alice }, gated.id, 1);
    expect(stored.content.equals(original)).toBe(true);
    expect(await countRows(t().admin, 'document_downloads', 'document_id = $1 AND access_grant_id = $2', [gated.id, grantId])).toBe(1);
  });

  it('gives two reviewers differently stamped copies of the same document', async () => {
    const first = `omar-${unique()}@${domain}`;
    const second = `lena-${unique()}@${domain}`;
    const a = await grantFor(first, 'First Buyer Ltd', [gated.slug]);
    const b = await grantFor(second, 'Second Buyer GmbH', [gated.slug]);
    const copyA = fileOf(await downloadDocument(t().db, clock, gated.slug, { grantTokens: [a.token] }));
    const copyB = fileOf(await downloadDocument(t().db, clock, gated.slug, { grantTokens: [b.token] }));
    expect(copyA.content.equals(copyB.content)).toBe(false);
    expect(copyA.sha256).not.toBe(copyB.sha256);
    const [textA, textB] = [oneLine(await pdfText(copyA.content)), oneLine(await pdfText(copyB.content))];
    expect(textA).toContain(`${first} (First Buyer Ltd)`);
    expect(textA).toContain(a.grantId);
    expect(textA).not.toContain(second);
    expect(textB).toContain(`${second} (Second Buyer GmbH)`);
    expect(textB).not.toContain(first);
  });

  it("names each copy by its bytes: one grant's downloads within the same second are one copy with one ETag, a second later another", async () => {
    const { token } = await grantFor(`ines-${unique()}@${domain}`, 'Repeat Buyer Ltd', [gated.slug]);
    const at = manualClock(new Date('2026-11-24T15:00:00.100Z'));
    const first = fileOf(await downloadDocument(t().db, at, gated.slug, { grantTokens: [token] }));
    at.advance(800);
    const again = fileOf(await downloadDocument(t().db, at, gated.slug, { grantTokens: [token] }));
    expect(again.content.equals(first.content), 'the time of issue is kept to the second').toBe(true);
    expect(again.sha256).toBe(first.sha256);
    at.advance(200);
    const later = fileOf(await downloadDocument(t().db, at, gated.slug, { grantTokens: [token] }));
    expect(later.content.equals(first.content)).toBe(false);
    expect(later.sha256).not.toBe(first.sha256);
    expect(later.sha256).toBe(sha256(later.content));
  });

  it('stamps generated documents too, from the one rendered copy; public documents go out as they are', async () => {
    const email = `gen-${unique()}@${domain}`;
    const { token, grantId } = await grantFor(email, 'Generated Reader Inc', [generated.slug]);
    const file = fileOf(await downloadDocument(t().db, clock, generated.slug, { grantTokens: [token] }));
    await qpdfCheck(file.content);
    const pages = Number((await pdfInfo(file.content)).Pages);
    expect(pages).toBe(Number((await pdfInfo(generatedPdf)).Pages));
    for (let page = 1; page <= pages; page++) {
      expect(oneLine(await pdfText(file.content, page)), `page ${page}`).toContain(
        `Issued to ${email} (Generated Reader Inc) on 24 Nov 2026, 14:03 UTC · grant ${grantId}`,
      );
    }
    expect(generatedPdf.equals(textPdf('Generated questionnaire', 45)), 'the cached rendering is not changed by stamping').toBe(true);

    const open = fileOf(await downloadDocument(t().db, clock, publicDoc.slug));
    expect(open.gated).toBe(false);
    expect((await pdfText(open.content)).includes('Issued to'), 'a public copy carries no stamp').toBe(false);
  });

  it('never hands out an unstamped copy: a stored file that cannot be stamped is withheld, and the log names no one', async () => {
    const doc = await createDocument(
      { db: t().db, clock: systemClock, actor: alice },
      documentFields({ visibility: 'restricted', title: 'Legacy upload' }),
      await checkPdf(textPdf('Legacy'), 'legacy.pdf', 'x'),
    );
    // A version stored before uploads were checked for stampability, put straight into the table.
    const legacy = await encryptedPdf('permissions');
    await t().admin.transaction((q) =>
      q.query("INSERT INTO document_versions (document_id, version, filename, size, sha256, content) VALUES ($1, 2, 'legacy.pdf', $2, $3, $4)", [
        doc.id,
        legacy.length,
        sha256(legacy),
        legacy,
      ]),
    );
    const email = `wary-${unique()}@${domain}`;
    const company = `Wary Company ${unique()}`;
    const { token } = await grantFor(email, company, [doc.slug], { review: true });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await downloadDocument(t().db, clock, doc.slug, { grantTokens: [token] })).toEqual({ kind: 'unavailable', title: 'Legacy upload' });
      expect(logged).toHaveBeenCalledTimes(1);
      const line = String(logged.mock.calls[0][0]);
      expect(line).toContain(doc.id);
      expect(line).toContain('encrypted');
      expect(line).not.toContain(email);
      expect(line).not.toContain(company);
    } finally {
      logged.mockRestore();
    }
    expect(await countRows(t().admin, 'document_downloads', 'document_id = $1', [doc.id]), 'nothing was handed out').toBe(0);
  });

  it('refuses at upload, storing nothing, a PDF that could not be stamped', async () => {
    const documentsBefore = await countRows(t().admin, 'documents');
    const versionsBefore = await countRows(t().admin, 'document_versions');
    const upload = async (bytes: Uint8Array) =>
      createDocument({ db: t().db, clock: systemClock, actor: alice }, documentFields({ visibility: 'nda' }), await checkPdf(bytes, 'x.pdf', 'x'));
    const newVersion = async (bytes: Uint8Array) =>
      uploadVersion({ db: t().db, clock: systemClock, actor: alice }, gated.id, await checkPdf(bytes, 'x.pdf', 'x'), '');
    for (const [label, bytes, expected] of [
      ['password', await encryptedPdf('password'), '422 encrypted_pdf'],
      ['permissions only', await encryptedPdf('permissions'), '422 encrypted_pdf'],
      ['damaged', damagedPdf(), '415 damaged_pdf'],
      ['no pages', await zeroPagePdf(), '422 pdf_without_pages'],
    ] as const) {
      expect(await code(upload(bytes)), `new document, ${label}`).toBe(expected);
      expect(await code(newVersion(bytes)), `new version, ${label}`).toBe(expected);
    }
    expect(await countRows(t().admin, 'documents')).toBe(documentsBefore);
    expect(await countRows(t().admin, 'document_versions')).toBe(versionsBefore);
  });
});
