import { createHash } from 'node:crypto';
import { AppError } from '@/lib/core/errors';
import { type UnstampableReason, UnstampablePdfError, stampPdf } from '@/lib/pdf/stamp';

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
  const cleaned = base
    .replace(/[^A-Za-z0-9._ -]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150);
  const stem = cleaned.replace(/\.pdf$/i, '') || fallback;
  return `${stem}.pdf`;
}

// Every gated copy is stamped for its reader, so a PDF that cannot be stamped is refused
// here rather than failing later in front of a reviewer. 415 when the file is not a whole,
// readable PDF (like not_a_pdf and truncated_pdf); 422 when it is one that cannot be stamped.
const UNSTAMPABLE: Record<UnstampableReason, AppError> = {
  damaged: new AppError(
    'damaged_pdf',
    'The PDF is damaged: its internal structure cannot be read. Export or save it again from the application that made it, then upload the new file.',
    415,
  ),
  encrypted: new AppError(
    'encrypted_pdf',
    'The PDF is encrypted (it has a password or restrictions on printing, copying or editing), so it cannot be stamped with each reviewer’s name. Save a copy without security settings and upload that.',
    422,
  ),
  no_pages: new AppError('pdf_without_pages', 'The PDF has no pages. Upload a PDF with at least one page.', 422),
};

/** A stamp like any reviewer's copy gets, made and thrown away: an upload must be stampable. */
const TRIAL_STAMP = {
  email: 'upload-check@trust-center.invalid',
  company: 'Upload check',
  grantId: '00000000-0000-0000-0000-000000000000',
  issuedAt: new Date(0),
};

/**
 * Accepts only a complete PDF that can be stamped: not empty, at most 20 MB, starting with
 * the `%PDF-` header, ending with an `%%EOF` marker, and stamped successfully on a trial run
 * (not encrypted, not damaged, at least one page). Anything else is refused with a message
 * that says what is wrong; nothing is stored.
 */
export async function checkPdf(bytes: Uint8Array, filename: string | undefined, fallbackName: string): Promise<CheckedPdf> {
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
  try {
    await stampPdf(content, TRIAL_STAMP);
  } catch (error) {
    if (error instanceof UnstampablePdfError) throw UNSTAMPABLE[error.reason];
    throw error;
  }
  return {
    content,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    filename: cleanFilename(filename, fallbackName),
  };
}
