import 'server-only';
import type { NextRequest } from 'next/server';
import { AppError } from '@/lib/core/errors';
import { wantsHtml } from '@/lib/http/html-notice';
import { readBytes } from '@/lib/http/route';
import { MAX_PDF_BYTES } from './pdf-file';

export interface Upload {
  /** A browser's form post (answered with a redirect), as opposed to a program (answered with JSON). */
  form: boolean;
  fields: Record<string, string>;
  file: { name: string; bytes: Uint8Array } | null;
}

// Room for the form's other fields and the multipart framing around a file at the limit.
const MAX_BODY = MAX_PDF_BYTES + 256 * 1024;
// A browser shows a reset connection, not the error page, when the server stops reading early:
// bodies up to this size are read to the end (and dropped) before the refusal is sent.
const DRAIN_LIMIT = 8 * MAX_PDF_BYTES;

function tooLarge() {
  return new AppError('file_too_large', `The file is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB. Upload a smaller PDF.`, 413);
}

/**
 * A PDF upload: multipart/form-data with the file in the field `file` (HTML forms, curl -F),
 * or the PDF itself as application/pdf with the other fields in the query string.
 */
export async function readUpload(request: NextRequest): Promise<Upload> {
  const type = request.headers.get('content-type') ?? '';
  const form = wantsHtml(request);
  const multipart = type.startsWith('multipart/form-data');
  if (!multipart && !type.startsWith('application/pdf')) {
    throw new AppError('unsupported_media_type', 'Send the PDF as multipart/form-data (in the field “file”) or as application/pdf.', 415);
  }
  const bytes = await readBytes(request, { max: MAX_BODY, drainUpTo: DRAIN_LIMIT, tooLarge });
  if (!multipart) {
    const fields = Object.fromEntries(new URL(request.url).searchParams);
    return { form, fields, file: { name: fields.filename ?? '', bytes } };
  }
  let data: FormData;
  try {
    data = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('invalid_upload', 'The upload could not be read. Choose the file and send the form again.', 400);
  }
  const fields: Record<string, string> = {};
  let file: Upload['file'] = null;
  for (const [key, value] of data.entries()) {
    if (typeof value === 'string') fields[key] = value;
    else if (key === 'file') file = { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  return { form, fields, file };
}
