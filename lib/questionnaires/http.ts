import 'server-only';
import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { noteRefusal } from '@/lib/governance/refusal-scope';
import { AppError } from '@/lib/core/errors';
import { wantsHtml } from '@/lib/http/html-notice';
import { readBytes, readText } from '@/lib/http/route';
import { parseInput } from '@/lib/core/parse-input';
import { QUESTION_ID_PATTERN } from './answers';
import { AnswerInputError } from './errors';
import { MAX_IMPORT_BYTES, type UploadedSheet } from './import';
import { type AnswerChange, answerChanges } from './schemas';

// Reading the questionnaire endpoints' requests, and answering a browser's form post.

/** A section's answers in full: room for every comment at its limit, in any script, form-encoded. */
const MAX_ANSWERS_BODY = 1024 * 1024;

/**
 * The answers a request carries: JSON `{"answers": [...]}`, or a staff form whose fields are
 * `answer.<id>`, `comment.<id>` and `evidence.<id>` for each question it shows.
 */
export async function readAnswerChanges(request: NextRequest): Promise<{ form: boolean; changes: AnswerChange[] }> {
  const type = request.headers.get('content-type') ?? '';
  const text = await readText(request, MAX_ANSWERS_BODY);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const fields = new URLSearchParams(text);
    const ids = [...fields.keys()].filter((k) => k.startsWith('answer.')).map((k) => k.slice('answer.'.length));
    const answers = ids.map((questionId) => ({
      questionId,
      answer: fields.get(`answer.${questionId}`) || null,
      comment: fields.get(`comment.${questionId}`),
      evidence: fields.get(`evidence.${questionId}`) || null,
    }));
    return { form: true, changes: parseInput(answerChanges, { answers }).answers };
  }
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.', 400);
  }
  return { form: false, changes: parseInput(answerChanges, data).answers };
}

function tooLarge() {
  return new AnswerInputError(
    'file_too_large',
    `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. A questionnaire’s answers fit in far less.`,
    {},
    413,
  );
}

/**
 * An uploaded answers file: the field `file` of a multipart form, or the file itself as the
 * body (XLSX or CSV, named by `?filename=`). Bounded while reading.
 */
export async function readSheetUpload(request: NextRequest): Promise<{ form: boolean; file: UploadedSheet }> {
  const type = request.headers.get('content-type') ?? '';
  const form = wantsHtml(request);
  // A browser is answered with the error page only once it has sent its whole body.
  const bytes = await readBytes(request, { max: MAX_IMPORT_BYTES + 64 * 1024, drainUpTo: 8 * MAX_IMPORT_BYTES, tooLarge });
  if (!type.startsWith('multipart/form-data')) {
    return { form, file: { name: request.nextUrl.searchParams.get('filename') ?? '', type, bytes } };
  }
  let data: FormData;
  try {
    data = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('invalid_upload', 'The upload could not be read. Choose the file and send the form again.', 400);
  }
  const file = data.get('file');
  if (!(file instanceof Blob)) return { form, file: { name: '', type: '', bytes: new Uint8Array() } };
  return { form, file: { name: 'name' in file ? String(file.name) : '', type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } };
}

/**
 * A failed form post back to its page: `?error=<code>`, with where the problem is (row and
 * column of a spreadsheet, or the question of a form) as separate, checked parameters, and
 * `at`, the part of the page whose form was sent (the notice is shown there).
 */
export function redirectWithAnswerError(back: string, error: unknown, changes: AnswerChange[] = [], at?: string): NextResponse {
  noteRefusal(error);
  const code = error instanceof AppError ? error.code : error instanceof z.ZodError ? 'invalid_request' : null;
  if (!code) throw error;
  const query = new URLSearchParams({ error: code });
  if (at) query.set('at', at);
  if (error instanceof AnswerInputError) {
    const { row, column } = error.place;
    const question = changes.length > 0 && row !== undefined ? changes[row - 1]?.questionId : undefined;
    if (question && QUESTION_ID_PATTERN.test(question)) query.set('question', question);
    else if (row !== undefined) query.set('row', String(row));
    if (column) query.set('column', column);
  }
  return new NextResponse(null, { status: 303, headers: { Location: `${back}?${query}${at ? `#${at}` : ''}` } });
}

/** An exported spreadsheet as a download; never cached, as it holds unpublished answers. */
export function sheetResponse(file: { filename: string; contentType: string; bytes: Buffer }): NextResponse {
  return new NextResponse(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
