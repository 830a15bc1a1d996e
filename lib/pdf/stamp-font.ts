import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit, { type Font, type Glyph } from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

// The same shipped Inter as lib/pdf/fonts.ts (FONT_DIR), read without importing that module:
// it loads @react-pdf/renderer, which stamping does not need and which the CLI's and the
// bench's react-server condition cannot load.
const INTER_REGULAR = path.join(process.cwd(), 'assets', 'fonts', 'Inter-Regular.ttf');

/**
 * OpenType features off for stamps: no ligature or contextual glyph may hide a character of
 * an address, and no kerning (at 6 pt it is invisible, and fontkit's kerning lookups are
 * most of the time a text layout takes).
 */
export const PLAIN_FEATURES = { liga: false, clig: false, calt: false, dlig: false, rlig: false, kern: false, mark: false, mkmk: false } as const;

interface StampFont {
  bytes: Uint8Array;
  font: Font;
  /** A fontkit that hands pdf-lib the already parsed font instead of parsing the file per document. */
  fontkit: Fontkit;
}

let loaded: StampFont | undefined;

/**
 * The parsed font serves every stamp, but fontkit keeps one glyph object per glyph id and
 * the text it first stood for, and pdf-lib writes each document's ToUnicode map (what text
 * extraction reads) from those objects. Two rules keep that map right from one document to
 * the next: a glyph asked for without text (an accent's base letter, fetched while the
 * subset is written) is not kept for later layouts, which would then map "E" to nothing; and
 * a glyph asked for with other text than the kept one (one outline for two characters) is
 * made anew for that text. Glyph objects already handed out are never changed.
 */
function cacheOnlyGlyphsOfText(font: Font) {
  const cache = (font as unknown as { _glyphs: Record<number, Glyph | undefined> })._glyphs;
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    const kept = cache[id];
    if (kept && (codePoints.length === 0 || kept.codePoints.join() === codePoints.join())) return kept;
    delete cache[id];
    const glyph = getGlyph(id, codePoints);
    if (codePoints.length === 0) delete cache[id];
    return glyph;
  };
}

/** What padGlyphRecords reaches inside @pdf-lib/fontkit's TrueType subset. */
interface SubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * @pdf-lib/fontkit 1.1.1 (pdf-lib's fork, last released 2021) writes a subset's glyph offsets
 * in the short format, which stores each offset halved, without padding glyph records to an
 * even length: after the first odd-length glyph every later one points a byte off, and most
 * of Inter's letters render blank while the text still extracts. Upstream fontkit fixed this
 * (foliojs/fontkit#191); here each record is padded with a zero byte, as the format allows.
 * test/unit/stamp-font.test.ts compares every subset glyph with the original outline.
 */
function padGlyphRecords(font: Font) {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    const internals = subset as unknown as SubsetInternals;
    const addGlyph = internals._addGlyph.bind(subset);
    internals._addGlyph = (gid: number) => {
      const index = addGlyph(gid);
      const record = internals.glyf[index];
      if (record.length % 2 === 1) {
        // fontkit's bundled Buffer, which its encoder insists on.
        const padded = (record.constructor as unknown as { alloc(size: number): Uint8Array }).alloc(record.length + 1);
        padded.set(record);
        internals.glyf[index] = padded;
        internals.offset += 1;
      }
      return index;
    };
    return subset;
  };
}

/**
 * Inter Regular, read and parsed once per process. Its first text layout reads the font's
 * shaping tables (about 100 ms), so that is done here too, not in the first reviewer's request.
 */
export function stampFont(): StampFont {
  if (loaded) return loaded;
  const bytes = new Uint8Array(readFileSync(INTER_REGULAR));
  const font = fontkit.create(bytes);
  padGlyphRecords(font);
  cacheOnlyGlyphsOfText(font);
  font.layout('Issued to warm-up@example.com (Αα Жж Øø) 0123456789 · grant', PLAIN_FEATURES);
  loaded = { bytes, font, fontkit: { create: () => font } };
  return loaded;
}

/** The advance width of the text at 1 pt, glyph by glyph (what PLAIN_FEATURES lays out). */
export function widthAtOnePoint(text: string): number {
  const { font } = stampFont();
  let units = 0;
  for (const ch of text) units += font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
  return units / font.unitsPerEm;
}

/** The text with every character Inter cannot draw (CJK, emoji, controls) replaced by '?'. */
export function drawable(text: string): string {
  const { font } = stampFont();
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    const cp = ch.codePointAt(0)!;
    out += cp >= 0x20 && font.hasGlyphForCodePoint(cp) ? ch : '?';
  }
  return out;
}
