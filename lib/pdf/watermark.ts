import type { Glyph } from '@pdf-lib/fontkit';
import type { PDFContext, PDFRef } from 'pdf-lib';
import { deflateSmall } from './deflate';
import { stampFont } from './stamp-font';

/** A form XObject holding one line of text as filled outlines, in font units. */
export interface Watermark {
  ref: PDFRef;
  /** The text's advance width and cap height, in font units. */
  width: number;
  capHeight: number;
  unitsPerEm: number;
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/** Records a fontkit glyph path as PDF path operators. */
function pathRecorder(out: string[]) {
  const p = (x: number, y: number) => `${fmt(x)} ${fmt(y)}`;
  let cx = 0;
  let cy = 0;
  return {
    moveTo(x: number, y: number) {
      out.push(`${p(x, y)} m`);
      [cx, cy] = [x, y];
    },
    lineTo(x: number, y: number) {
      out.push(`${p(x, y)} l`);
      [cx, cy] = [x, y];
    },
    // PDF has cubic curves only: a quadratic one is the cubic with control points 2/3 of the way to its own.
    quadraticCurveTo(qx: number, qy: number, x: number, y: number) {
      const c1 = [cx + ((qx - cx) * 2) / 3, cy + ((qy - cy) * 2) / 3];
      const c2 = [x + ((qx - x) * 2) / 3, y + ((qy - y) * 2) / 3];
      out.push(`${p(c1[0], c1[1])} ${p(c2[0], c2[1])} ${p(x, y)} c`);
      [cx, cy] = [x, y];
    },
    bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number) {
      out.push(`${p(x1, y1)} ${p(x2, y2)} ${p(x, y)} c`);
      [cx, cy] = [x, y];
    },
    closePath() {
      out.push('h');
    },
  };
}

// Each glyph's outline as PDF path operators, built once per process.
const outlines = new Map<number, string>();

function outline(glyph: Glyph): string {
  let ops = outlines.get(glyph.id);
  if (ops === undefined) {
    const out: string[] = [];
    glyph.path.toFunction()(pathRecorder(out));
    ops = out.length ? `${out.join('\n')}\nf` : '';
    outlines.set(glyph.id, ops);
  }
  return ops;
}

/**
 * The text drawn as glyph outlines rather than as text: a light mark across the page that
 * copying, searching and text extraction do not pick up, so it never mixes into the
 * document's own words (the margin line is the stamp's searchable text).
 */
export function createWatermark(context: PDFContext, text: string): Watermark {
  const { font } = stampFont();
  const ops: string[] = ['0.2 0.27 0.4 rg'];
  let x = 0;
  for (const ch of text) {
    const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
    const path = outline(glyph);
    if (path) ops.push(`q 1 0 0 1 ${fmt(x)} 0 cm`, path, 'Q');
    x += glyph.advanceWidth;
  }
  const capHeight = font.capHeight || font.ascent * 0.7;
  const stream = context.stream(deflateSmall(ops.join('\n')), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, font.descent, Math.max(x, 1), font.ascent],
    Filter: 'FlateDecode',
  });
  return { ref: context.register(stream), width: Math.max(x, 1), capHeight, unitsPerEm: font.unitsPerEm };
}
