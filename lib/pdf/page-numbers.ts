import { PDFDocument, ParseSpeeds, rgb } from 'pdf-lib';
import { deflateSmall } from './deflate';
import { PLAIN_FEATURES, stampFont, widthAtOnePoint } from './stamp-font';

export interface PageNumberStyle {
  /** Distance of the number's right edge from the page's right edge, in points. */
  right: number;
  /** Height of the baseline above the page's bottom edge, in points. */
  baseline: number;
  size: number;
  /** RGB, each 0 to 1. */
  color: readonly [number, number, number];
}

/**
 * "Page X of Y" on every page of a PDF this app rendered. @react-pdf/renderer can number pages
 * itself, but a render-prop footer lays every page out a second time (a fifth of a DPA's
 * render time); drawing the numbers afterwards takes a few milliseconds.
 */
export async function numberPages(bytes: Uint8Array, style: PageNumberStyle): Promise<Buffer> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const { bytes: fontBytes, fontkit } = stampFont();
  pdf.registerFontkit(fontkit);
  const { context } = pdf;
  context.flateStream = (contents, dict = {}) => context.stream(deflateSmall(contents), { ...dict, Filter: 'FlateDecode' });
  const font = await pdf.embedFont(fontBytes, { subset: true, features: PLAIN_FEATURES });
  const pages = pdf.getPages();
  const color = rgb(...style.color);
  pages.forEach((page, i) => {
    const text = `Page ${i + 1} of ${pages.length}`;
    const x = page.getWidth() - style.right - widthAtOnePoint(text) * style.size;
    page.drawText(text, { x, y: style.baseline, size: style.size, font, color });
  });
  const out = await pdf.save({ addDefaultPage: false, useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
