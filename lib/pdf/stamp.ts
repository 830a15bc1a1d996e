import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  moveText,
  ParseSpeeds,
  PDFContentStream,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFOperator,
  type PDFPage,
  PDFPageLeaf,
  PDFPageTree,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
  rotateRadians,
  scale,
  setFillingRgbColor,
  setFontAndSize,
  setGraphicsState,
  showText,
  translate,
} from 'pdf-lib';
import { deflateSmall } from './deflate';
import { type PageFrame, pageFrame } from './page-frame';
import { PLAIN_FEATURES, drawable, stampFont, widthAtOnePoint } from './stamp-font';
import { type StampFacts, stampSentence, wrapText } from './stamp-text';
import { type Watermark, createWatermark } from './watermark';

export type { StampFacts } from './stamp-text';

/** Why a PDF cannot be stamped: each is refused at upload, and never handed out unstamped. */
export type UnstampableReason = 'encrypted' | 'damaged' | 'no_pages';

export class UnstampablePdfError extends Error {
  constructor(
    readonly reason: UnstampableReason,
    options?: { cause?: unknown },
  ) {
    super(`PDF cannot be stamped: ${reason}`, options);
    this.name = 'UnstampablePdfError';
  }
}

// The margin line: small, grey, centred along the bottom edge the reader sees, below where
// documents put their own footers; on pages too narrow for one line it wraps.
const LINE_SIZE = 6.5;
const MIN_ONE_LINE_SIZE = 5.5;
const WRAPPED_SIZE = 6;
const BASELINE = 8;
const LINE_COLOR = [0.33, 0.37, 0.45] as const;
// The watermark: the e-mail address across the page's diagonal, faint enough to read through.
const WATERMARK_OPACITY = 0.09;
const WATERMARK_MAX_SIZE = 54;

/**
 * pdf-lib deflates the embedded font and its ToUnicode map with pako, in JavaScript; Node's
 * zlib does the same several times faster, which is most of a stamp's time.
 */
function useNativeDeflate(pdf: PDFDocument) {
  const { context } = pdf;
  context.flateStream = (contents, dict = {}) => context.stream(deflateSmall(contents), { ...dict, Filter: 'FlateDecode' });
}

// Any /Encrypt in the trailer, whether or not it needs a password to open: the content is
// ciphertext that cannot be stamped without the key, and its permission flags would be lost.
const encrypted = (pdf: PDFDocument) => pdf.isEncrypted || pdf.context.trailerInfo.Encrypt !== undefined;

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, throwOnInvalidObject: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    // An encrypted object stream does not parse: an /Encrypt key in the file tells the two apart.
    throw new UnstampablePdfError(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/Encrypt') ? 'encrypted' : 'damaged', {
      cause: error,
    });
  }
  if (encrypted(pdf)) throw new UnstampablePdfError('encrypted');
  return pdf;
}

/**
 * Every entry of the page tree is a page or a branch of pages, with no loops: pdf-lib
 * skips anything else without a word, which would hand out a copy missing pages.
 */
function checkPageTree(pdf: PDFDocument) {
  const seen = new Set<PDFPageTree>();
  const visit = (node: PDFPageTree) => {
    if (seen.has(node)) throw new Error('page tree loops');
    seen.add(node);
    const kids = node.Kids();
    for (let i = 0; i < kids.size(); i++) {
      const kid = pdf.context.lookup(kids.get(i));
      if (kid instanceof PDFPageTree) visit(kid);
      else if (!(kid instanceof PDFPageLeaf)) throw new Error('page tree entry is not a page');
    }
  };
  visit(pdf.catalog.Pages());
}

/** The margin line, wrapped to the page's visible width, at the bottom of the upright view. */
function lineOperators(page: PDFPage, frame: PageFrame, font: PDFFont, text: string, encoded: (line: string) => PDFHexString): PDFOperator[] {
  const side = Math.min(36, Math.max(8, frame.width * 0.04));
  const room = frame.width - 2 * side;
  const oneLine = Math.min(LINE_SIZE, (room / widthAtOnePoint(text)) * 0.999);
  const size = oneLine >= MIN_ONE_LINE_SIZE ? oneLine : WRAPPED_SIZE;
  const lines = oneLine >= MIN_ONE_LINE_SIZE ? [text] : wrapText(text, room, (s) => widthAtOnePoint(s) * size);
  const fontKey = page.node.newFontDictionary(font.name, font.ref);
  const ops = [pushGraphicsState(), concatTransformationMatrix(...frame.matrix), setFillingRgbColor(...LINE_COLOR)];
  lines.forEach((line, i) => {
    const x = (frame.width - widthAtOnePoint(line) * size) / 2;
    const y = BASELINE + (lines.length - 1 - i) * size * 1.3;
    ops.push(beginText(), setFontAndSize(fontKey, size), moveText(x, y), showText(encoded(line)), endText());
  });
  ops.push(popGraphicsState());
  return ops;
}

/** The watermark centred on the page, along the diagonal from bottom-left to top-right of the upright view. */
function watermarkOperators(page: PDFPage, frame: PageFrame, mark: Watermark, gs: PDFRef): PDFOperator[] {
  const diagonal = Math.hypot(frame.width, frame.height);
  const s = Math.min((diagonal * 0.6) / mark.width, WATERMARK_MAX_SIZE / mark.unitsPerEm);
  const gsKey = page.node.newExtGState('StampGS', gs);
  const xKey = page.node.newXObject('StampWm', mark.ref);
  return [
    pushGraphicsState(),
    concatTransformationMatrix(...frame.matrix),
    setGraphicsState(gsKey),
    translate(frame.width / 2, frame.height / 2),
    rotateRadians(Math.atan2(frame.height, frame.width)),
    scale(s, s),
    translate(-mark.width / 2, -mark.capHeight / 2),
    drawObject(xKey),
    popGraphicsState(),
  ];
}

/** The same facts in the document information dictionary; the original title, author and subject stay. */
function writeMetadata(pdf: PDFDocument, facts: StampFacts, sentence: string) {
  const keywords = pdf.getKeywords();
  pdf.setKeywords([keywords ? `${keywords}; ${sentence}` : sentence]);
  pdf.setModificationDate(facts.issuedAt);
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) throw new Error('document information dictionary missing after setKeywords');
  info.set(PDFName.of('IssuedTo'), PDFHexString.fromText(facts.email));
  info.set(PDFName.of('IssuedToCompany'), PDFHexString.fromText(facts.company));
  info.set(PDFName.of('IssuedAt'), PDFHexString.fromText(facts.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')));
  info.set(PDFName.of('AccessGrant'), PDFHexString.fromText(facts.grantId));
}

/**
 * A copy of the PDF stamped for one recipient: on every page, a line along the bottom margin
 * naming the e-mail, company, time of issue and access grant, and the e-mail faintly across
 * the page; the same facts in the metadata. Throws UnstampablePdfError for a PDF that is
 * encrypted, damaged or has no pages.
 */
export async function stampPdf(bytes: Uint8Array, facts: StampFacts): Promise<Buffer> {
  const pdf = await load(bytes);
  try {
    checkPageTree(pdf);
    const pages = pdf.getPages();
    if (pages.length === 0) throw new UnstampablePdfError('no_pages');
    const { bytes: fontBytes, fontkit } = stampFont();
    pdf.registerFontkit(fontkit);
    useNativeDeflate(pdf);
    const font = await pdf.embedFont(fontBytes, { subset: true, features: PLAIN_FEATURES });
    const line = drawable(stampSentence(facts, { visible: true }));
    const mark = createWatermark(pdf.context, drawable(facts.email));
    const gs = pdf.context.register(pdf.context.obj({ Type: 'ExtGState', ca: WATERMARK_OPACITY, CA: WATERMARK_OPACITY }));
    // Each distinct line is laid out once per document, not once per page.
    const encodings = new Map<string, PDFHexString>();
    const encoded = (text: string) => encodings.get(text) ?? encodings.set(text, font.encodeText(text)).get(text)!;
    for (const page of pages) {
      const frame = pageFrame(page);
      // A few hundred bytes per page: left uncompressed, as deflating costs more time than it saves bytes.
      const ops = [...watermarkOperators(page, frame, mark, gs), ...lineOperators(page, frame, font, line, encoded)];
      page.node.addContentStream(pdf.context.register(PDFContentStream.of(pdf.context.obj({}), ops, false)));
    }
    writeMetadata(pdf, facts, stampSentence(facts));
    const out = await pdf.save({ addDefaultPage: false, useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    if (error instanceof UnstampablePdfError) throw error;
    throw new UnstampablePdfError('damaged', { cause: error });
  }
}
