import { createHash } from 'node:crypto';
import { AppError } from '@/lib/http/errors';

export const MAX_PDF_BYTES = 20 * 1024 * 1024;

/** What is stored of an uploaded PDF besides its bytes. */
export interface CheckedPdf {
  content: Buffer;
  size: number;
  sha256: string;
  filename: string;
}

const HEADER = Buffer.from('%PDF-');
const EOF_MARK = Buffer.from('%%EOF');
// PDF readers look for %%EOF near the end; writers may add a newline or a little padding after it.
const EOF_WINDOW = 1024;

/** A file name safe for Content-Disposition: a plain name ending in .pdf. */
export function cleanFilename(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^A-Za-z0-9._ -]+/g, '').replace(/\s+/g, ' ').trim().slice(0, 150);
  const stem = cleaned.replace(/\.pdf$/i, '') || fallback;
  return `${stem}.pdf`;
}

/**
 * Accepts only what looks like a complete PDF: not empty, at most 20 MB, starting with the
 * `%PDF-` header and ending with an `%%EOF` marker. Anything else is refused with a message
 * that says what is wrong; nothing is stored.
 */
export function checkPdf(bytes: Uint8Array, filename: string | undefined, fallbackName: string): CheckedPdf {
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (content.length === 0) throw new AppError('empty_file', 'The file is empty. Choose the PDF to upload.', 400);
  if (content.length > MAX_PDF_BYTES) {
    throw new AppError('file_too_large', `The file is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB. Upload a smaller PDF.`, 413);
  }
  if (!content.subarray(0, HEADER.length).equals(HEADER)) {
    throw new AppError('not_a_pdf', 'The file is not a PDF (it does not start with %PDF-). Only PDF documents can be uploaded.', 415);
  }
  if (content.subarray(Math.max(0, content.length - EOF_WINDOW)).lastIndexOf(EOF_MARK) === -1) {
    throw new AppError('truncated_pdf', 'The PDF is incomplete (it has no %%EOF marker at its end). Upload the whole file again.', 415);
  }
  return {
    content,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    filename: cleanFilename(filename, fallbackName),
  };
}
