import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { StaffActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { downloadDocument } from '@/lib/documents/download';
import { clearRenderCache } from '@/lib/pdf/render-cache';
import { renderQuestionnairePdf } from '@/lib/questionnaires/pdf-layout';
import { updateAnswers } from '@/lib/questionnaires/update';
import { describeEachDatabase } from '../helpers/databases';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../helpers/pdf-tools';
import { changeOf, GATED_SET, grantFor, installQuestionnairesForAdmin, pdfUrls, PUBLIC_SET, storedQuestions } from '../helpers/questionnaires';

// Counts renders, so a test can tell a cached copy from a new one.
vi.mock('@/lib/questionnaires/pdf-layout', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/questionnaires/pdf-layout')>();
  return { ...original, renderQuestionnairePdf: vi.fn(original.renderQuestionnairePdf) };
});
const renders = () => vi.mocked(renderQuestionnairePdf).mock.calls.length;

const SECTIONS = [
  'Governance and risk management',
  'Identity and access management',
  'Encryption and key management',
  'Logging and monitoring',
  'Business continuity and disaster recovery',
  'Supplier management',
  'Incident response',
  'Data privacy',
];

describeEachDatabase('questionnaire PDFs', (t) => {
  let admin: StaffActor;
  const clock = manualClock(new Date('2026-04-02T09:00:00Z'));

  beforeAll(async () => {
    admin = await installQuestionnairesForAdmin(t().admin);
    await t().admin.transaction(async (q) => {
      await q.query(
        `INSERT INTO portal_settings (vendor_name, security_contact, security_txt_expires_at) VALUES ('Northwind Cloud', 'mailto:security@northwind.example', now() + interval '60 days')`,
      );
      await q.query(`UPDATE questionnaires SET answers_changed_at = '2026-04-02T09:00:00Z'`);
    });
  }, 60_000);

  beforeEach(() => clearRenderCache());

  const download = (slug: string, grantTokens: string[] = []) => downloadDocument(t().db, clock, slug, { grantTokens });

  async function publicPdf() {
    const result = await download(PUBLIC_SET.document);
    if (result.kind !== 'file') throw new Error(`expected a file, got ${result.kind}`);
    return result;
  }

  it('serves the public questionnaire as a sound PDF with cover, contents, sections and page numbers', async () => {
    const file = await publicPdf();
    expect(file).toMatchObject({ gated: false, filename: 'Northwind-Cloud-CAIQ-Lite-Questionnaire.pdf' });
    await qpdfCheck(file.content);
    const info = await pdfInfo(file.content);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(5);

    const cover = await pdfText(file.content, 1);
    expect(cover).toContain('Cloud security questionnaire');
    expect(cover).toContain('Answered by Northwind Cloud');
    expect(cover).toContain('Answers last changed 2 Apr 2026');
    expect(cover).toMatch(/48\s+44\s+3\s+1\s+0\s+QUESTIONS\s+YES\s+NO\s+N\/A\s+NOT ANSWERED/);

    // The contents name each section with the page it starts on, and that page has its heading.
    const contents = await pdfText(file.content, 2);
    expect(contents).toContain('Contents');
    for (const [i, name] of SECTIONS.entries()) {
      const line = contents.split('\n').find((l) => l.includes(name));
      const page = Number(line?.trim().split(/\s+/).at(-1));
      expect(page, name).toBeGreaterThanOrEqual(3);
      expect(await pdfText(file.content, page), name).toContain(`${i + 1}. ${name}`);
    }
    for (let page = 2; page <= pages; page++) expect(await pdfText(file.content, page)).toContain(`Page ${page} of ${pages}`);

    // Every question with its answer; text is selectable and searchable.
    const all = await pdfText(file.content);
    for (const id of ['GOV-01', 'IDA-05', 'ENC-05', 'PRV-06']) expect(all).toContain(id);
    expect(all).toContain('Is customer data encrypted at rest?');
    expect(all).toMatch(/ENC-05.*No/);

    expect(info).toMatchObject({
      Title: 'Cloud security questionnaire (CAIQ-Lite style): Northwind Cloud',
      Author: 'Northwind Cloud',
      CreationDate: '2026-04-02T09:00:00Z',
    });
    expect(info.Subject).toContain('48 questions in 8 sections');
    const fonts = await pdfFonts(file.content);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.map((f) => f.name).join(' ')).toMatch(/Inter-Regular.*JetBrainsMono|JetBrainsMono.*Inter-Regular/s);

    // Evidence links lead to the documents' PDFs on the portal.
    const urls = (await pdfUrls(file.content)).map((u) => u.url);
    expect(urls).toContain('http://localhost:3000/documents/iso27001-certificate.pdf');
    expect(urls).toContain('http://localhost:3000/documents/soc2-type2-report.pdf');
  }, 60_000);

  it('renders the same data to the same bytes', async () => {
    const first = await publicPdf();
    clearRenderCache();
    const second = await publicPdf();
    expect(second.content.equals(first.content)).toBe(true);
    expect(second.sha256).toBe(first.sha256);
  }, 60_000);

  it('serves the gated questionnaire only with a grant that covers it', async () => {
    expect(await download(GATED_SET.document)).toEqual({ kind: 'forbidden', title: 'Third-party risk questionnaire (SIG-Lite style)' });
    const other = await grantFor(t().admin, PUBLIC_SET.document);
    expect(await download(GATED_SET.document, [other.token])).toMatchObject({ kind: 'forbidden' });
    const { token } = await grantFor(t().admin, GATED_SET.document);
    const granted = await download(GATED_SET.document, [token]);
    if (granted.kind !== 'file') throw new Error(`expected a file, got ${granted.kind}`);
    expect(granted.gated).toBe(true);
    await qpdfCheck(granted.content);
    const text = await pdfText(granted.content);
    expect(text).toContain('Third-party risk questionnaire');
    expect(text).toContain('Confidential');
    expect(text).toContain('Not answered');
  }, 60_000);

  it('shows a changed answer in the next download and serves an unchanged one from the cache', async () => {
    const renderedBefore = renders();
    const first = await publicPdf();
    expect(renders()).toBe(renderedBefore + 1);
    const again = await publicPdf();
    // The very same buffer, from the cache: not rendered again.
    expect(again.content).toBe(first.content);
    expect(renders()).toBe(renderedBefore + 1);

    const [gov01] = await storedQuestions(t().admin, PUBLIC_SET.slug);
    clock.advance(86_400_000);
    const saved = await updateAnswers({ db: t().db, clock, actor: admin }, PUBLIC_SET.slug, [
      changeOf(gov01, { answer: 'no', comment: 'Moved to Zürich – “pending”.' }),
    ]);
    expect(saved.changed).toBe(1);
    const changed = await publicPdf();
    expect(renders()).toBe(renderedBefore + 2);
    expect(changed.sha256).not.toBe(first.sha256);
    const text = await pdfText(changed.content);
    expect(text).toContain('Moved to Zürich – “pending”.');
    expect(text).toContain('Answers last changed 3 Apr 2026');
    expect((await pdfInfo(changed.content)).CreationDate).toBe('2026-04-03T09:00:00Z');

    // Saving the same answer again changes nothing: same date, same bytes, no render.
    clock.advance(86_400_000);
    const [same] = await storedQuestions(t().admin, PUBLIC_SET.slug);
    expect((await updateAnswers({ db: t().db, clock, actor: admin }, PUBLIC_SET.slug, [changeOf(same)])).changed).toBe(0);
    const unchanged = await publicPdf();
    expect(unchanged.content).toBe(changed.content);
    expect(renders()).toBe(renderedBefore + 2);
  }, 90_000);

  it('stops serving an archived questionnaire', async () => {
    await t().admin.transaction((q) => q.query(`UPDATE documents SET archived_at = now() WHERE slug = $1`, [PUBLIC_SET.document]));
    try {
      expect(await download(PUBLIC_SET.document)).toEqual({ kind: 'not_found' });
    } finally {
      await t().admin.transaction((q) => q.query(`UPDATE documents SET archived_at = NULL WHERE slug = $1`, [PUBLIC_SET.document]));
    }
  });
});
