import { createHash } from 'node:crypto';

// A small, dependency-free PDF writer for generated demo documents: text only, in the
// standard Helvetica fonts every reader has, wrapped and paginated on A4. The demo seed uses
// it because @react-pdf/renderer does not run under the CLI's react-server condition.

export interface PlainPdfInput {
  title: string;
  subtitle?: string;
  author: string;
  sections: { heading?: string; paragraphs: string[] }[];
  /** Printed at the foot of every page, with the page number. */
  footer: string;
  createdAt: Date;
}

// Advance widths (1/1000 em) of the printable ASCII characters 32-126, from the fonts' AFM files.
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
  469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
  334, 584,
];
const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584,
  611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333,
  584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280,
  389, 584,
];

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

type Font = 'F1' | 'F2';
interface Line {
  font: Font;
  size: number;
  text: string;
  /** Space above the line's baseline. */
  lead: number;
  color?: string;
}

/** Typographic characters the demo texts use, as their ASCII stand-ins; anything else non-ASCII becomes '?'. */
function ascii(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/[•·]/g, '-')
    .replace(/ /g, ' ')
    .replace(/[^\x20-\x7e]/g, '?');
}

function widthOf(text: string, font: Font, size: number) {
  const table = font === 'F2' ? HELVETICA_BOLD : HELVETICA;
  let units = 0;
  for (const ch of text) units += table[ch.charCodeAt(0) - 32] ?? 556;
  return (units * size) / 1000;
}

function wrap(text: string, font: Font, size: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of ascii(text).split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && widthOf(candidate, font, size) > TEXT_WIDTH) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function escape(text: string) {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

function pdfDate(at: Date) {
  return `D:${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

function layout(input: PlainPdfInput): Line[][] {
  const lines: Line[] = [];
  const add = (text: string, font: Font, size: number, leading: number, gapBefore = 0, color?: string) =>
    wrap(text, font, size).forEach((t, i) => lines.push({ font, size, text: t, lead: leading + (i === 0 ? gapBefore : 0), color }));
  add(input.title, 'F2', 20, 26, 0, '0.09 0.17 0.40');
  if (input.subtitle) add(input.subtitle, 'F1', 11, 16, 2, '0.28 0.33 0.41');
  for (const section of input.sections) {
    if (section.heading) add(section.heading, 'F2', 13, 18, 14);
    section.paragraphs.forEach((p, i) => add(p, 'F1', 10.5, 15, i === 0 && !section.heading ? 12 : 7));
  }
  const pages: Line[][] = [[]];
  let y = PAGE.height - PAGE.margin - 20;
  for (const line of lines) {
    if (y - line.lead < PAGE.margin + 30) {
      pages.push([]);
      y = PAGE.height - PAGE.margin;
      line.lead = line.size * 1.4;
    }
    y -= line.lead;
    pages.at(-1)!.push(line);
  }
  return pages;
}

function pageContent(lines: Line[], pageNumber: number, pages: number, footer: string): string {
  const out: string[] = ['0.18 0.36 0.83 rg', `0 ${(PAGE.height - 8).toFixed(2)} ${PAGE.width} 8 re f`];
  let y = PAGE.height - PAGE.margin - (pageNumber === 1 ? 20 : 0);
  for (const line of lines) {
    y -= line.lead;
    out.push(`${line.color ?? '0.06 0.09 0.16'} rg`, `BT /${line.font} ${line.size} Tf ${PAGE.margin} ${y.toFixed(2)} Td (${escape(line.text)}) Tj ET`);
  }
  const foot = ascii(`${footer} - page ${pageNumber} of ${pages}`);
  out.push('0.39 0.45 0.55 rg', `BT /F1 8 Tf ${PAGE.margin} ${PAGE.margin - 24} Td (${escape(foot)}) Tj ET`);
  return out.join('\n');
}

/** A complete PDF 1.4 file: catalog, page tree, two standard fonts, info, xref and trailer. */
export function plainPdf(input: PlainPdfInput): Buffer {
  const pages = layout(input);
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, i) => {
    const content = pageContent(lines, i + 1, pages.length, input.footer);
    objects[pageIds[i]] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
    objects[pageIds[i] + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  const infoId = objects.length;
  objects[infoId] =
    `<< /Title (${escape(ascii(input.title))}) /Author (${escape(ascii(input.author))}) /Producer (Trust Center) /CreationDate (${pdfDate(input.createdAt)}) >>`;

  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(body, 'latin1');
  const fileId = createHash('md5').update(body, 'latin1').digest('hex');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info ${infoId} 0 R /ID [<${fileId}> <${fileId}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
