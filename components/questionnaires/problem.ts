import { type SearchParams, singleParam } from '@/lib/core/search-params';
import { QUESTION_ID_PATTERN } from '@/lib/questionnaires/answers';
import { IMPORT_COLUMNS } from '@/lib/questionnaires/errors';
import { MAX_IMPORT_BYTES } from '@/lib/questionnaires/limits';
import { MAX_ANSWER_ROWS } from '@/lib/questionnaires/schemas';

// What the questionnaire page says after a refused form post: `?error=<code>` with, when the
// problem has a place, `row` and `column` (a spreadsheet) or `question` (the form). Only
// checked values are shown: a crafted link cannot put words on the page.

const MESSAGES: Record<string, string> = {
  unknown_question: 'this questionnaire has no question with that ID. Export the questionnaire again and keep its Question ID column as it is.',
  duplicate_question: 'the same question is answered twice in the file. Keep one row per question.',
  invalid_question_id: 'that is not a question ID (they look like “IDA-03”).',
  invalid_answer: 'the answer must be Yes, No or N/A, or empty for a question not answered yet.',
  unknown_evidence: 'there is no document with that slug to link as evidence. The “Evidence documents” sheet of the XLSX export lists them.',
  archived_evidence: 'that document is archived; link a document that is on the portal.',
  comment_too_long: 'the comment is longer than 2,000 characters.',
  extra_cells: 'the row has a value in a column the header does not name.',
  unsupported_cell: 'the cell holds a formula, a date or an error value; only plain text can be imported.',
  missing_columns: 'the first row must be the header naming the columns Question ID, Answer, Comment and Evidence, as in the export.',
  duplicate_column: 'the header names a column twice.',
  no_rows: 'the file has a header but no answers.',
  too_many_rows: `the file has more than ${MAX_ANSWER_ROWS} rows.`,
  empty_file: 'the file is empty or missing. Choose the XLSX or CSV file to import.',
  file_too_large: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, or the workbook expands to far more than a questionnaire needs.`,
  unreadable_xlsx: 'the XLSX file is damaged or not a workbook. Export it again from your spreadsheet program.',
  unreadable_csv: 'the CSV file could not be read: it must be UTF-8 text with properly quoted cells. Save it as “CSV UTF-8”, or upload the XLSX file.',
  unsupported_file: 'upload the answers as an XLSX workbook or a CSV file (old .xls workbooks are not supported).',
  invalid_upload: 'the upload could not be read. Choose the file and send the form again.',
  invalid_answers: 'some answers were missing or not valid. Reload the page and try again.',
  invalid_json: 'the request could not be read. Reload the page and try again.',
  payload_too_large: 'the form is too large to save at once.',
  forbidden: 'only trust admins can change questionnaire answers.',
  not_found: 'that questionnaire does not exist.',
};

type Query = SearchParams;

/** The sentence for a refused post, naming its row and column or its question; undefined when there is none. */
export function describeProblem(query: Query): string | undefined {
  const code = singleParam(query.error);
  if (!code) return undefined;
  const message = (Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : undefined) ?? 'that could not be saved. Check the answers and try again.';
  const row = singleParam(query.row);
  const column = IMPORT_COLUMNS.find((c) => c === singleParam(query.column));
  const question = singleParam(query.question);
  let where = '';
  if (question && QUESTION_ID_PATTERN.test(question)) where = `${question}${column ? `, ${column.toLowerCase()}` : ''}: `;
  else if (row && /^[1-9][0-9]{0,6}$/.test(row)) where = `Row ${row}${column ? `, column “${column}”` : ''}: `;
  const text = `${where}${message}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
