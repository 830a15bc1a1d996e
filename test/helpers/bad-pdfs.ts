import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName, degrees } from 'pdf-lib';
import { plainPdf } from '@/lib/documents/plain-pdf';

const run = promisify(execFile);

/** A real multi-page document, as the portal's generated PDFs are made (about 3 pages). */
export function textPdf(title = 'Security overview', paragraphs = 30) {
  return plainPdf({
    title,
    author: 'Northwind Cloud',
    sections: [
      {
        heading: 'Overview',
        paragraphs: Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1}. ${'Controls are reviewed every quarter. '.repeat(8)}`),
      },
    ],
    footer: 'Northwind Cloud - Confidential',
    createdAt: new Date('2026-01-01T00:00:00Z'),
  });
}

/**
 * Pages of different sizes, boxes and rotations, each with one line of text: A4 portrait,
 * A4 landscape, Letter turned 90, 180 and 270 degrees, a small page whose MediaBox and
 * CropBox do not start at the origin, and a wide strip turned -90.
 */
export async function mixedPagesPdf() {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Mixed pages');
  pdf.setAuthor('Test Author');
  pdf.setSubject('Page geometry');
  const specs: { size: [number, number]; rotate: number; offset?: [number, number]; crop?: [number, number, number, number] }[] = [
    { size: [595, 842], rotate: 0 },
    { size: [842, 595], rotate: 0 },
    { size: [612, 792], rotate: 90 },
    { size: [612, 792], rotate: 180 },
    { size: [612, 792], rotate: 270 },
    { size: [300, 400], rotate: 0, offset: [100, 200], crop: [150, 260, 200, 300] },
    { size: [1200, 300], rotate: -90 },
  ];
  for (const [i, spec] of specs.entries()) {
    const page = pdf.addPage(spec.size);
    const [ox, oy] = spec.offset ?? [0, 0];
    if (spec.offset) page.setMediaBox(ox, oy, spec.size[0], spec.size[1]);
    if (spec.crop) page.setCropBox(...spec.crop);
    page.setRotation(degrees(spec.rotate));
    page.drawText(`Page ${i + 1} body`, { x: (spec.crop?.[0] ?? ox) + 20, y: (spec.crop?.[1] ?? oy) + 120, size: 12 });
  }
  return Buffer.from(await pdf.save());
}

/** A PDF with a page tree and no pages. */
export async function zeroPagePdf() {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Nothing here');
  return Buffer.from(await pdf.save({ addDefaultPage: false }));
}

/**
 * A damaged PDF that still starts with %PDF- and ends with %%EOF: its cross-reference table
 * is garbage and its page tree object is cut short.
 */
export function damagedPdf() {
  const text = textPdf('Damaged').toString('latin1');
  const broken = text
    .replace(/xref\n[\s\S]*?trailer/, 'xref\n0 12\nthis is no cross-reference table\ntrailer')
    .replace(/<< \/Type \/Pages [^\n]*/, '<< /Type /Pages /Kids [ 5 0 R 7 0 ');
  if (broken === text) throw new Error('damagedPdf: the sample no longer has the expected shape');
  return Buffer.from(broken, 'latin1');
}

/** The first half of a PDF with an %%EOF marker stuck on: a download cut off and "repaired" by hand. */
export function truncatedInTheMiddlePdf() {
  const whole = textPdf('Cut');
  return Buffer.concat([whole.subarray(0, Math.floor(whole.length / 2)), Buffer.from('\n%%EOF\n')]);
}

/** qpdf --encrypt: `kind` 'password' needs one to open; 'permissions' opens without one but restricts use. */
export async function encryptedPdf(kind: 'password' | 'permissions' | 'rc4' | 'object-streams', bytes: Uint8Array = textPdf('Encrypted')) {
  const dir = await mkdtemp(path.join(tmpdir(), 'enc-'));
  try {
    const input = path.join(dir, 'in.pdf');
    const output = path.join(dir, 'out.pdf');
    await writeFile(input, bytes);
    const args = {
      password: ['--encrypt', 'user-secret', 'owner-secret', '256', '--'],
      permissions: ['--encrypt', '', 'owner-secret', '128', '--use-aes=y', '--print=none', '--modify=none', '--'],
      rc4: ['--allow-weak-crypto', '--encrypt', '', 'owner-secret', '40', '--'],
      'object-streams': ['--object-streams=generate', '--encrypt', '', 'owner-secret', '256', '--'],
    }[kind];
    await run('qpdf', [...args, input, output]);
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A valid one-page PDF of exactly `size` bytes: its content stream carries a comment of filler. */
export async function pdfOfSize(size: number) {
  const build = async (filler: number) => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([200, 200]);
    const stream = pdf.context.stream(`% ${'x'.repeat(filler)}\n0 0 1 rg 10 10 50 50 re f\n`);
    page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
    return Buffer.from(await pdf.save({ useObjectStreams: false }));
  };
  // The size grows byte for byte with the filler, as long as the stream length keeps its digit count.
  const probe = await build(size - 2000);
  const exact = await build(size - 2000 + (size - probe.length));
  if (exact.length !== size) throw new Error(`pdfOfSize: made ${exact.length} bytes, not ${size}`);
  return exact;
}
