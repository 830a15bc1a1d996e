import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AnswerInputError } from './errors';
import { type AnswerRow, rowCells, type Sheet, SHEET_COLUMNS } from './sheet';

// A spreadsheet program evaluates a cell that starts with = + - @ (or their fullwidth forms),
// tab or carriage return as a formula (CSV injection), even after leading spaces; and a reader
// that splits a field at its line breaks sees each line as a cell of its own. So every line
// of a field whose first character after its leading spaces is one of these is written with a
// leading apostrophe, which spreadsheet programs show as text. A line that really starts with
// an apostrophe gets one too, so that an import, which strips exactly one at the start of each
// line, gives back exactly what was exported.
const LINE_START = String.raw`(?<=^|[\r\n])`;
const GUARDED_LINE = new RegExp(String.raw`${LINE_START}(?=['\t\r]|[^\S\r\n]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])`, 'g');
const GUARD = new RegExp(`${LINE_START}'`, 'g');

export function guardCell(value: string): string {
  return value.replace(GUARDED_LINE, "'");
}

export function unguardCell(value: string): string {
  return value.replace(GUARD, '');
}

/**
 * The answers as CSV per RFC 4180: UTF-8 with a byte order mark (so spreadsheet programs read
 * accents right), CRLF rows, and every field holding a quote, a comma or any line break quoted.
 */
export function answersToCsv(rows: AnswerRow[]): Buffer {
  const text = stringify([[...SHEET_COLUMNS], ...rows.map((r) => rowCells(r).map(guardCell))], {
    bom: true,
    record_delimiter: 'windows',
    // Quote a lone \n or \r as well as \r\n, which is all csv-stringify quotes once the record delimiter is set.
    quote_record_delimiter: true,
  });
  return Buffer.from(text, 'utf8');
}

function unreadable(detail: string): never {
  throw new AnswerInputError('unreadable_csv', `The CSV file could not be read: ${detail}`, {}, 400);
}

/** A CSV upload as a sheet. Rows are numbered as a spreadsheet shows them (the header is row 1). */
export function sheetFromCsv(bytes: Uint8Array): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    unreadable('it is not UTF-8 text. Save it as “CSV UTF-8”, or upload the XLSX file.');
  }
  if (text.includes('\u0000')) unreadable('it is not a text file. Upload a CSV or an XLSX file.');
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: 64 * 1024 });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? ` near line ${error.lines}` : '';
    const why =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell is never closed'
        : error.code === 'CSV_MAX_RECORD_SIZE'
          ? 'a row is longer than 64 KB'
          : 'a quote is misplaced (a quote inside a cell must be doubled)';
    unreadable(`${why}${line}.`);
  }
  if (records.length === 0) throw new AnswerInputError('missing_columns', 'The file is empty: the first row must be the header.', { row: 1 });
  const [header, ...rest] = records;
  return { header: header.map(unguardCell), rows: rest.map((cells, i) => ({ row: i + 2, cells: cells.map(unguardCell) })) };
}
