import 'server-only';
import type { Actor } from '@/lib/core/actor';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { sheetFromCsv } from './csv';
import { AnswerInputError } from './errors';
import { MAX_IMPORT_BYTES } from './limits';
import type { SheetFormat } from './export';
import { answersFromSheet } from './sheet';
import { type AnswersSaved, updateAnswers } from './update';
import { sheetFromXlsx } from './xlsx';
import type { Ctx } from '@/lib/db/ctx';

export { MAX_IMPORT_BYTES };

export interface UploadedSheet {
  name: string;
  /** The Content-Type the upload declared, if any. */
  type: string;
  bytes: Uint8Array;
}

export interface ImportResult extends AnswersSaved {
  format: SheetFormat;
  /** Answer rows the file held. */
  rows: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** XLSX when the bytes are a ZIP archive; CSV for text. A file that claims to be a workbook but is not one is refused. */
export function sheetFormatOf(file: UploadedSheet): SheetFormat {
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'xlsx';
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new AnswerInputError('unsupported_file', 'Old Excel workbooks (.xls) cannot be imported. Save the file as .xlsx or as CSV UTF-8.', {}, 415);
  }
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || file.type.startsWith(XLSX_TYPE)) {
    throw new AnswerInputError('unreadable_xlsx', 'The XLSX file is damaged or not a workbook. Export it again from your spreadsheet program.', {}, 400);
  }
  if (name && !name.endsWith('.csv') && !name.endsWith('.txt')) {
    throw new AnswerInputError('unsupported_file', 'Upload the answers as an XLSX workbook or a CSV file.', {}, 415);
  }
  return 'csv';
}

/**
 * Imports a questionnaire's answers from an XLSX or CSV file, as exported: all rows or none.
 * Any problem (the file, its header, a row) is refused with a message naming the row and
 * column, and changes nothing.
 */
export async function importAnswers({ db, clock, actor }: Ctx<Actor>, slug: string, file: UploadedSheet): Promise<ImportResult> {
  assertTrustAdmin(actor);
  if (file.bytes.byteLength === 0) throw new AnswerInputError('empty_file', 'The file is empty or missing. Choose the XLSX or CSV file to import.');
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AnswerInputError(
      'file_too_large',
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. A questionnaire’s answers fit in far less.`,
      {},
      413,
    );
  }
  const format = sheetFormatOf(file);
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  const sheet = format === 'xlsx' ? await sheetFromXlsx(bytes) : sheetFromCsv(bytes);
  const { changes, rows } = answersFromSheet(sheet);
  const saved = await updateAnswers({ db, clock, actor }, slug, changes, (index) => rows[index], 'import');
  return { ...saved, format, rows: changes.length };
}
