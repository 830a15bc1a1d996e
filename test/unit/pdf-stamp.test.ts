import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { type StampFacts, UnstampablePdfError, stampPdf } from '@/lib/pdf/stamp';
import { damagedPdf, encryptedPdf, mixedPagesPdf, textPdf, truncatedInTheMiddlePdf, zeroPagePdf } from '../helpers/bad-pdfs';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../helpers/pdf-tools';
import { darkPixels, embeddedGlyphOutlines, infoDict, renderGrey } from '../helpers/pdf-render';

const jane: StampFacts = {
  email: 'jane.doe@corp.example',
  company: 'Müller & Søn ΑΕ Тест',
  grantId: '3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
  issuedAt: new Date('2026-11-24T14:03:27Z'),
};

const reason = (promise: Promise<unknown>) =>
  promise.then(
    () => 'stamped',
    (e: unknown) => (e instanceof UnstampablePdfError ? e.reason : `unexpected: ${String(e)}`),
  );

/** pdftotext joins what it reads as one line; the stamp may wrap on narrow pages. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('stamping a PDF for its recipient', () => {
  it('puts the recipient, company, time and grant on every page, and passes qpdf --check', async () => {
    const original = textPdf('Security overview', 40);
    const before = Buffer.from(original);
    const stamped = await stampPdf(original, jane);
    expect(original.equals(before), 'the input is left as it was').toBe(true);
    await qpdfCheck(stamped);
    const info = await pdfInfo(stamped);
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(3);
    expect(info.Pages).toBe((await pdfInfo(original)).Pages);
    for (let page = 1; page <= Number(info.Pages); page++) {
      const text = oneLine(await pdfText(stamped, page));
      expect(text, `page ${page}`).toContain(
        'Issued to jane.doe@corp.example (Müller & Søn ΑΕ Тест) on 24 Nov 2026, 14:03 UTC · grant 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b · Confidential, do not redistribute',
      );
      // The document's own words are still there, and the watermark (drawn as outlines) does not mix into them.
      expect(text).toContain('Controls are reviewed every quarter.');
      expect(text.split('jane.doe@corp.example')).toHaveLength(2);
    }
  });

  it('keeps the title and author and adds the recipient to the metadata', async () => {
    const stamped = await stampPdf(await mixedPagesPdf(), jane);
    const info = await pdfInfo(stamped);
    expect(info).toMatchObject({ Title: 'Mixed pages', Author: 'Test Author', Subject: 'Page geometry' });
    expect(info.Keywords).toContain(
      'Issued to jane.doe@corp.example (Müller & Søn ΑΕ Тест) on 24 Nov 2026, 14:03 UTC · grant 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
    );
    expect(info.ModDate).toBe('2026-11-24T14:03:27Z');
    expect(await infoDict(stamped)).toMatchObject({
      IssuedTo: 'jane.doe@corp.example',
      IssuedToCompany: 'Müller & Søn ΑΕ Тест',
      IssuedAt: '2026-11-24T14:03:27Z',
      AccessGrant: '3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
    });
  });

  it('stamps pages of every size, box and rotation upright along the bottom edge the reader sees', async () => {
    const original = await mixedPagesPdf();
    const stamped = await stampPdf(original, jane);
    await qpdfCheck(stamped);
    const pages = Number((await pdfInfo(stamped)).Pages);
    expect(pages).toBe(7);
    for (let page = 1; page <= pages; page++) {
      expect(oneLine(await pdfText(stamped, page)), `page ${page}`).toContain('jane.doe@corp.example (Müller & Søn ΑΕ Тест)');
      const [before, after] = await Promise.all([renderGrey(original, page), renderGrey(stamped, page)]);
      // Same visible page: size, CropBox and rotation are untouched.
      expect([after.width, after.height], `page ${page} size`).toEqual([before.width, before.height]);
      // The bottom 18 points of the upright page were blank and now carry the stamp's text ...
      expect(darkPixels(before, after.height - 18, after.height), `page ${page} bottom before`).toBe(0);
      expect(darkPixels(after, after.height - 18, after.height), `page ${page} bottom after`).toBeGreaterThan(30);
      // ... while above the stamp (up to 5 wrapped lines on the narrowest page) the page is as dark as
      // it was: the watermark is faint (where it crosses the text, a few edge pixels tip over).
      const body = darkPixels(before, 0, after.height - 50);
      expect(body, `page ${page} has text`).toBeGreaterThan(50);
      expect(darkPixels(after, 0, after.height - 50), `page ${page} body`).toBeLessThanOrEqual(body * 1.05);
    }
  });

  it('embeds the shipped Inter as a subset whose glyphs are the originals, so every letter renders', async () => {
    const stamped = await stampPdf(textPdf('Fonts'), jane);
    const fonts = await pdfFonts(stamped);
    expect(fonts.find((f) => f.name.startsWith('Inter-Regular'))).toMatchObject({ embedded: true });
    const inter = fontkit.create(readFileSync(path.join(process.cwd(), 'assets', 'fonts', 'Inter-Regular.ttf')));
    const embedded = await embeddedGlyphOutlines(stamped);
    for (const ch of new Set('Issued to jane.doe@corp.example (Müller & Søn ΑΕ Тест) on 24 Nov 2026, 14:03 UTC · grant 3f2a9c1e')) {
      const outline = inter.glyphForCodePoint(ch.codePointAt(0)!).path.toSVG();
      expect(embedded.has(outline), `glyph of “${ch}”`).toBe(true);
    }
  });

  it('gives two recipients differently stamped copies', async () => {
    const original = textPdf('Two readers');
    const a = await stampPdf(original, jane);
    const b = await stampPdf(original, { ...jane, email: 'omar@other.example', company: 'Other Co', grantId: 'c0ffee00-0000-4000-8000-000000000001' });
    expect(a.equals(b)).toBe(false);
    const textB = oneLine(await pdfText(b, 1));
    expect(textB).toContain('omar@other.example (Other Co)');
    expect(textB).not.toContain('jane.doe');
  });

  it('wraps a long stamp on a narrow page without breaking the e-mail address, and shows "?" for letters Inter lacks', async () => {
    const narrow = await PDFDocument.create();
    narrow.addPage([210, 297]);
    const facts = {
      ...jane,
      email: 'procurement.reviews@subsidiary.example-holding.example',
      company: '株式会社 Example Holdings International GmbH & Co. KG',
    };
    const stamped = await stampPdf(await narrow.save(), facts);
    await qpdfCheck(stamped);
    const text = oneLine(await pdfText(stamped, 1));
    expect(text).toContain('procurement.reviews@subsidiary.example-holding.example');
    expect(text).toContain('(???? Example Holdings International GmbH & Co. KG)');
    expect((await infoDict(stamped)).IssuedToCompany, 'the metadata keeps the name as it is').toBe(facts.company);
    const page = await renderGrey(stamped, 1);
    expect(darkPixels(page, page.height - 40, page.height)).toBeGreaterThan(100);
  });

  it('extracts the same text whatever was stamped before in the process (the parsed font is shared)', async () => {
    // Greek capital epsilon is drawn from Latin E: once a subset with it was written, E must still read as E.
    await stampPdf(textPdf('Greek'), { ...jane, company: 'Εταιρεία ΑΕ' });
    const later = await stampPdf(textPdf('Latin'), { ...jane, email: 'eve@example.com', company: 'Example Europe' });
    expect(oneLine(await pdfText(later, 1))).toContain('Issued to eve@example.com (Example Europe) on');
  });

  it('stamps concurrent copies each with its own reader (the server stamps many downloads at once)', async () => {
    const readers = ['Ελένη Παπαδοπούλου ΑΕ', 'Иван Петров ООО', 'Émile Zoë SARL', 'Plain Latin Ltd', 'Øresund ApS', 'Łódź Sp. z o.o.'];
    const original = textPdf('Concurrent');
    const copies = await Promise.all(readers.map((company, i) => stampPdf(original, { ...jane, email: `reader${i}@example.com`, company })));
    for (const [i, copy] of copies.entries()) {
      const text = oneLine(await pdfText(copy, 1));
      expect(text).toContain(`Issued to reader${i}@example.com (${readers[i]}) on`);
      for (const [j, other] of readers.entries()) if (j !== i) expect(text).not.toContain(other);
    }
  });

  it('refuses encrypted PDFs, with or without a password to open them', async () => {
    for (const kind of ['password', 'permissions', 'rc4', 'object-streams'] as const) {
      expect(await reason(stampPdf(await encryptedPdf(kind), jane)), kind).toBe('encrypted');
    }
  });

  it('refuses damaged PDFs and PDFs without pages', async () => {
    expect(await reason(stampPdf(damagedPdf(), jane))).toBe('damaged');
    expect(await reason(stampPdf(truncatedInTheMiddlePdf(), jane))).toBe('damaged');
    expect(await reason(stampPdf(Buffer.from('%PDF-1.7\n%%EOF\n'), jane))).toBe('damaged');
    const missingPage = textPdf('Missing page').toString('latin1').replace('<< /Type /Page /Parent', '<< /Type /Pagex /Parent');
    expect(await reason(stampPdf(Buffer.from(missingPage, 'latin1'), jane)), 'a page tree entry that is no page').toBe('damaged');
    expect(await reason(stampPdf(await zeroPagePdf(), jane))).toBe('no_pages');
  });
});
