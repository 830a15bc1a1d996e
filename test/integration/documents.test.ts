import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, documentVersions } from '@/drizzle/schema';
import { ANONYMOUS, type CustomerActor, type StaffActor } from '@/lib/core/actor';
import { manualClock, systemClock } from '@/lib/core/clock';
import { pgErrorCode, queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { downloadDocument } from '@/lib/documents/download';
import { createDocument, setArchived, updateDocument } from '@/lib/documents/edit';
import { getAdminDocument, listAdminDocuments, listPortalDocuments } from '@/lib/documents/list';
import { parseInput } from '@/lib/core/parse-input';
import { MAX_PDF_BYTES, checkPdf, cleanFilename } from '@/lib/documents/pdf-file';
import { documentFields as fieldsSchema, documentUpdate, newDocumentFields } from '@/lib/documents/schemas';
import { readVersionFile, uploadVersion } from '@/lib/documents/versions';
import { validityOf } from '@/lib/documents/validity';
import { AppError } from '@/lib/core/errors';
import { describeEachDatabase } from '../helpers/databases';
import { damagedPdf, encryptedPdf, pdfOfSize, truncatedInTheMiddlePdf, zeroPagePdf } from '../helpers/bad-pdfs';
import { checkedSample, countRows, documentFields, samplePdf } from '../helpers/documents';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : `unexpected: ${String(e)}`),
  );
const syncCode = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : `unexpected: ${String(e)}`;
  }
};

describe('PDF upload checks', () => {
  it('accepts a complete PDF and describes it', async () => {
    const bytes = samplePdf('accepted');
    const pdf = await checkPdf(bytes, 'C:\\Users\\me\\Report 2026 (final).PDF', 'fallback');
    expect(pdf.size).toBe(bytes.length);
    expect(pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pdf.filename).toBe('Report 2026 final.pdf');
    expect(pdf.content.equals(bytes), 'what is stored is the upload itself, unstamped').toBe(true);
  });

  it('refuses empty files, other file types, truncated PDFs and files over 20 MB', async () => {
    expect(await code(checkPdf(new Uint8Array(), 'a.pdf', 'x'))).toBe('400 empty_file');
    expect(await code(checkPdf(Buffer.from('<html>not a pdf</html>'), 'a.pdf', 'x'))).toBe('415 not_a_pdf');
    expect(await code(checkPdf(Buffer.from('\x89PNG\r\n\x1a\n%%EOF'), 'a.pdf', 'x'))).toBe('415 not_a_pdf');
    const pdf = samplePdf('cut');
    expect(await code(checkPdf(pdf.subarray(0, pdf.length - 20), 'a.pdf', 'x'))).toBe('415 truncated_pdf');
    const huge = Buffer.alloc(MAX_PDF_BYTES + 1, 0x20);
    huge.write('%PDF-1.4\n', 0);
    huge.write('%%EOF\n', huge.length - 6);
    expect(await code(checkPdf(huge, 'a.pdf', 'x'))).toBe('413 file_too_large');
    const limit = await pdfOfSize(MAX_PDF_BYTES);
    expect(await code(checkPdf(limit, 'a.pdf', 'x'))).toBe('resolved');
  });

  it('refuses what cannot be stamped for each reader: encrypted, damaged, or without pages', async () => {
    for (const kind of ['password', 'permissions', 'rc4', 'object-streams'] as const) {
      expect(await code(checkPdf(await encryptedPdf(kind), 'a.pdf', 'x')), kind).toBe('422 encrypted_pdf');
    }
    expect(await code(checkPdf(damagedPdf(), 'a.pdf', 'x'))).toBe('415 damaged_pdf');
    expect(await code(checkPdf(truncatedInTheMiddlePdf(), 'a.pdf', 'x'))).toBe('415 damaged_pdf');
    // Only the frame of a PDF: header and end marker, nothing between.
    expect(await code(checkPdf(Buffer.from('%PDF-1.7\n%%EOF\n'), 'a.pdf', 'x'))).toBe('415 damaged_pdf');
    const spaces = Buffer.alloc(4096, 0x20);
    spaces.write('%PDF-1.4\n', 0);
    spaces.write('%%EOF\n', spaces.length - 6);
    expect(await code(checkPdf(spaces, 'a.pdf', 'x'))).toBe('415 damaged_pdf');
    expect(await code(checkPdf(await zeroPagePdf(), 'a.pdf', 'x'))).toBe('422 pdf_without_pages');
    const refused = await checkPdf(await encryptedPdf('password'), 'a.pdf', 'x').catch((e: AppError) => e.message);
    expect(refused).toContain('encrypted');
  });

  it('gives files without a usable name the fallback name', () => {
    expect(cleanFilename(undefined, 'soc2')).toBe('soc2.pdf');
    expect(cleanFilename('../../etc/passwd', 'soc2')).toBe('passwd.pdf');
    expect(cleanFilename('"><script>.pdf', 'soc2')).toBe('script.pdf');
  });

  it('names the field that is wrong', () => {
    const base = { slug: 'ok-slug', title: 'T', category: 'C', visibility: 'public' };
    expect(syncCode(() => parseInput(newDocumentFields, { ...base, slug: 'Not A Slug' }))).toBe('400 invalid_slug');
    expect(syncCode(() => parseInput(newDocumentFields, { ...base, title: '  ' }))).toBe('400 invalid_title');
    expect(syncCode(() => parseInput(newDocumentFields, { ...base, visibility: 'secret' }))).toBe('400 invalid_visibility');
    expect(syncCode(() => parseInput(fieldsSchema, { ...base, validUntil: '2026-02-30' }))).toBe('400 invalid_valid_until');
    expect(syncCode(() => parseInput(fieldsSchema, { ...base, validUntil: 'soon' }))).toBe('400 invalid_valid_until');
    expect(parseInput(fieldsSchema, { ...base, validUntil: '' }).validUntil).toBeNull();
    expect(parseInput(fieldsSchema, { ...base, validUntil: '2027-02-28' }).validUntil).toBe('2027-02-28');
    // An edit must send every field, so a partial JSON edit cannot wipe the date or description.
    expect(syncCode(() => parseInput(documentUpdate, { ...base, description: '' }))).toBe('400 invalid_valid_until');
    expect(syncCode(() => parseInput(documentUpdate, { ...base, validUntil: null }))).toBe('400 invalid_description');
    expect(parseInput(documentUpdate, { ...base, description: '', validUntil: null }).validUntil).toBeNull();
  });

  it('computes validity from the valid-until date', () => {
    const now = new Date('2026-03-01T15:00:00Z');
    expect(validityOf(null, now).state).toBe('none');
    expect(validityOf('2026-06-01', now)).toEqual({ state: 'valid', validUntil: '2026-06-01', daysLeft: 92 });
    expect(validityOf('2026-03-31', now).state).toBe('expires_soon');
    expect(validityOf('2026-03-01', now)).toMatchObject({ state: 'expires_soon', daysLeft: 0 });
    expect(validityOf('2026-02-28', now)).toMatchObject({ state: 'expired', daysLeft: -1 });
  });
});

describeEachDatabase('documents', (t) => {
  let alice: StaffActor;
  let bob: StaffActor;
  let dan: CustomerActor;
  const clock = manualClock(new Date('2026-03-01T09:00:00Z'));

  beforeAll(async () => {
    alice = await createStaff(t().admin, 'trust_admin');
    bob = await createStaff(t().admin, 'support');
    dan = await createCustomer(t().admin, await createTenant(t().admin), 'customer_member');
  });

  it('a trust admin creates a document with its first PDF, then adds versions', async () => {
    const input = documentFields({ title: 'Pen test', visibility: 'nda', validUntil: '2026-12-31', note: 'initial' });
    const first = await checkedSample('v1', 'pentest.pdf');
    const created = await createDocument({ db: t().db, clock, actor: alice }, input, first);
    expect(created.slug).toBe(input.slug);

    const second = await checkedSample('v2', 'pentest-v2.pdf');
    expect(await uploadVersion({ db: t().db, clock, actor: alice }, created.id, second, 'retest')).toMatchObject({ version: 2, sha256: second.sha256 });
    expect(await code(uploadVersion({ db: t().db, clock, actor: alice }, created.id, second, 'again'))).toBe('409 same_file');

    const { document, versions } = await getAdminDocument({ db: t().db, clock, actor: alice }, created.id);
    expect(document).toMatchObject({ title: 'Pen test', visibility: 'nda', currentVersion: { version: 2, filename: 'pentest-v2.pdf' } });
    expect(versions.map((v) => [v.version, v.sha256, v.size, v.note, v.uploadedBy])).toEqual([
      [2, second.sha256, second.size, 'retest', 'Test Staff'],
      [1, first.sha256, first.size, 'initial', 'Test Staff'],
    ]);
    const file = await readVersionFile({ db: t().db, actor: alice }, created.id, 1);
    expect(file.content.equals(first.content)).toBe(true);
  });

  it('refuses a slug that is taken and changes nothing', async () => {
    const input = documentFields();
    await createDocument({ db: t().db, clock, actor: alice }, input, await checkedSample());
    const before = await countRows(t().admin, 'documents');
    expect(await code(createDocument({ db: t().db, clock, actor: alice }, { ...input, title: 'Other' }, await checkedSample()))).toBe('409 slug_taken');
    expect(await countRows(t().admin, 'documents')).toBe(before);
  });

  it('edits metadata and archives; archived documents leave the portal and take no uploads', async () => {
    const created = await createDocument({ db: t().db, clock, actor: alice }, documentFields({ title: 'Old title' }), await checkedSample());
    await updateDocument({ db: t().db, clock, actor: alice }, created.id, {
      title: 'New title',
      category: 'Policies',
      description: '',
      visibility: 'nda',
      validUntil: '2027-01-01',
    });
    expect((await listPortalDocuments(t().db)).find((d) => d.id === created.id)).toMatchObject({
      title: 'New title',
      category: 'Policies',
      visibility: 'nda',
      validUntil: '2027-01-01',
      file: null,
    });
    await setArchived({ db: t().db, clock, actor: alice }, created.id, true);
    expect(await code(setArchived({ db: t().db, clock, actor: alice }, created.id, true))).toBe('409 already_archived');
    expect((await listPortalDocuments(t().db)).some((d) => d.id === created.id)).toBe(false);
    expect(await code(uploadVersion({ db: t().db, clock, actor: alice }, created.id, await checkedSample(), ''))).toBe('409 archived');
    const { items } = await listAdminDocuments({ db: t().db, clock, actor: alice }, { pageSize: 100 });
    expect(items.find((d) => d.id === created.id)?.archivedAt).not.toBeNull();
    await setArchived({ db: t().db, clock, actor: alice }, created.id, false);
    expect((await listPortalDocuments(t().db)).some((d) => d.id === created.id)).toBe(true);
    expect(
      await code(
        updateDocument({ db: t().db, clock, actor: alice }, randomUUID(), {
          title: 'x',
          category: 'x',
          description: '',
          visibility: 'public',
          validUntil: null,
        }),
      ),
    ).toBe('404 not_found');
    expect(await code(setArchived({ db: t().db, clock, actor: alice }, 'not-an-id', true))).toBe('404 not_found');
  });

  it('the public sees every document but reads the files of public ones only', async () => {
    const open = await createDocument({ db: t().db, clock, actor: alice }, documentFields({ visibility: 'public' }), await checkedSample('open'));
    const gated = await createDocument({ db: t().db, clock, actor: alice }, documentFields({ visibility: 'restricted' }), await checkedSample('gated'));
    const listed = await listPortalDocuments(t().db);
    expect(listed.find((d) => d.id === open.id)?.file).toMatchObject({ version: 1 });
    expect(listed.find((d) => d.id === gated.id)).toMatchObject({ visibility: 'restricted', file: null });
    // Straight to the table, as the public: RLS hides gated content rows entirely.
    const rows = await withActor(t().db, ANONYMOUS, (tx) =>
      tx.select({ id: documentVersions.id, documentId: documentVersions.documentId }).from(documentVersions),
    );
    expect(rows.some((r) => r.documentId === open.id)).toBe(true);
    expect(rows.some((r) => r.documentId === gated.id)).toBe(false);
    for (const actor of [bob, dan]) {
      const seen = await withActor(t().db, actor, (tx) => tx.select({ documentId: documentVersions.documentId }).from(documentVersions));
      expect(
        seen.some((r) => r.documentId === gated.id),
        actor.kind,
      ).toBe(false);
    }
    // And the gated function gives nothing for a made-up grant.
    const viaFunction = await withActor(t().db, ANONYMOUS, (tx) => queryRows(tx, sql`SELECT * FROM gated_document_access(${'0'.repeat(64)}, ${gated.slug})`));
    expect(viaFunction).toEqual([]);
  });

  it('downloads a public PDF, records it, and answers If-None-Match without a new record', async () => {
    const sample = await checkedSample('download me');
    const created = await createDocument({ db: t().db, clock, actor: alice }, documentFields(), sample);
    const file = await downloadDocument(t().db, systemClock, created.slug);
    expect(file).toMatchObject({ kind: 'file', gated: false, sha256: sample.sha256, filename: 'sample.pdf' });
    expect(file.kind === 'file' && file.content.equals(sample.content)).toBe(true);
    expect(await countRows(t().admin, 'document_downloads', 'document_id = $1', [created.id])).toBe(1);
    expect(await downloadDocument(t().db, systemClock, created.slug, { ifNoneMatch: `W/"abc", "${sample.sha256}"` })).toEqual({
      kind: 'not_modified',
      sha256: sample.sha256,
    });
    expect(await countRows(t().admin, 'document_downloads', 'document_id = $1', [created.id])).toBe(1);
    expect(await downloadDocument(t().db, systemClock, 'no-such-document')).toEqual({ kind: 'not_found' });
  });

  it('a gated PDF without a grant is forbidden, and nothing is recorded', async () => {
    const created = await createDocument({ db: t().db, clock, actor: alice }, documentFields({ visibility: 'nda', title: 'Secret' }), await checkedSample());
    expect(await downloadDocument(t().db, systemClock, created.slug)).toEqual({ kind: 'forbidden', title: 'Secret' });
    expect(await downloadDocument(t().db, systemClock, created.slug, { grantTokens: ['x'.repeat(43), 'garbage'] })).toEqual({
      kind: 'forbidden',
      title: 'Secret',
    });
    expect(await countRows(t().admin, 'document_downloads', 'document_id = $1', [created.id])).toBe(0);
  });

  it('refuses support engineers, customers and the public, in the code and in the database', async () => {
    const created = await createDocument({ db: t().db, clock, actor: alice }, documentFields({ title: 'Untouched' }), await checkedSample());
    for (const actor of [bob, dan, ANONYMOUS]) {
      expect(await code(createDocument({ db: t().db, clock, actor }, documentFields(), await checkedSample()))).toBe('403 forbidden');
      expect(
        await code(
          updateDocument({ db: t().db, clock, actor }, created.id, { title: 'Hacked', category: 'x', description: '', visibility: 'public', validUntil: null }),
        ),
      ).toBe('403 forbidden');
      expect(await code(uploadVersion({ db: t().db, clock, actor }, created.id, await checkedSample(), ''))).toBe('403 forbidden');
      expect(await code(setArchived({ db: t().db, clock, actor }, created.id, true))).toBe('403 forbidden');
      expect(await code(listAdminDocuments({ db: t().db, clock, actor }))).toBe('403 forbidden');
      expect(await code(readVersionFile({ db: t().db, actor }, created.id, 1))).toBe('403 forbidden');
    }
    // Past the application's check, straight at the tables as support staff: RLS refuses.
    const insert = withActor(t().db, bob, (tx) =>
      tx.insert(documents).values({ slug: `rls-${randomBytes(3).toString('hex')}`, title: 'x', category: 'x', visibility: 'public' }),
    );
    expect(
      await insert.then(
        () => 'inserted',
        (e: unknown) => pgErrorCode(e),
      ),
    ).toBe('42501');
    const version = withActor(t().db, bob, (tx) =>
      tx.insert(documentVersions).values({ documentId: created.id, version: 9, filename: 'x.pdf', size: 1, sha256: 'a'.repeat(64), content: Buffer.from('x') }),
    );
    expect(
      await version.then(
        () => 'inserted',
        (e: unknown) => pgErrorCode(e),
      ),
    ).toBe('42501');
    const updated = await withActor(t().db, bob, (tx) =>
      tx
        .update(documents)
        .set({ title: 'Hacked' })
        .where(sql`${documents.id} = ${created.id}`)
        .returning({ id: documents.id }),
    );
    expect(updated).toEqual([]);
    const [row] = await t().admin.transaction((q) => q.query<{ title: string }>('SELECT title FROM documents WHERE id = $1', [created.id]));
    expect(row.title).toBe('Untouched');
  });
});
