import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString, decodePDFRawStream } from 'pdf-lib';

const run = promisify(execFile);

/** A page as a reader sees it (CropBox, /Rotate applied), in grey levels 0-255 at 72 dpi: one pixel per point. */
export interface GreyPage {
  width: number;
  height: number;
  at(x: number, y: number): number;
}

/** `pdftoppm -gray -cropbox -r 72` of one page (1-based): what a viewer shows. */
export async function renderGrey(bytes: Uint8Array, page: number): Promise<GreyPage> {
  const dir = await mkdtemp(path.join(tmpdir(), 'render-'));
  try {
    await writeFile(path.join(dir, 'doc.pdf'), bytes);
    await run('pdftoppm', [
      '-gray',
      '-cropbox',
      '-r',
      '72',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      path.join(dir, 'doc.pdf'),
      path.join(dir, 'page'),
    ]);
    const pgm = await readFile(path.join(dir, 'page.pgm'));
    // P5 <width> <height> <max> then one byte per pixel, row by row from the top.
    const header = pgm
      .subarray(0, 64)
      .toString('latin1')
      .match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
    if (!header) throw new Error('pdftoppm did not write a binary PGM');
    const [width, height] = [Number(header[1]), Number(header[2])];
    const data = pgm.subarray(header[0].length);
    return { width, height, at: (x, y) => data[y * width + x] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** How many pixels darker than `threshold` lie in rows [top, bottom) of the rendered page. */
export function darkPixels(page: GreyPage, top: number, bottom: number, threshold = 160) {
  let n = 0;
  for (let y = Math.max(0, top); y < Math.min(page.height, bottom); y++) for (let x = 0; x < page.width; x++) if (page.at(x, y) < threshold) n++;
  return n;
}

/** The document information dictionary's entries as text, custom keys included. */
export async function infoDict(bytes: Uint8Array): Promise<Record<string, string>> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  const out: Record<string, string> = {};
  for (const [key, value] of info.entries()) {
    const v = pdf.context.lookup(value);
    if (v instanceof PDFString || v instanceof PDFHexString) out[key.decodeText()] = v.decodeText();
  }
  return out;
}

/** The outlines (as SVG path data) of every glyph of every TrueType font program embedded in the PDF. */
export async function embeddedGlyphOutlines(bytes: Uint8Array): Promise<Set<string>> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const outlines = new Set<string>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const file = pdf.context.lookup(object.get(PDFName.of('FontFile2')));
    if (!(file instanceof PDFRawStream)) continue;
    const font = fontkit.create(decodePDFRawStream(file).decode());
    for (let id = 0; id < font.numGlyphs; id++) outlines.add(font.getGlyph(id).path.toSVG());
  }
  return outlines;
}
