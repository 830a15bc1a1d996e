import { SLUG_PATTERN } from '@/lib/core/parse-input';
import { answerFromLabel, answerLabel, QUESTION_ID_PATTERN } from './answers';
import { AnswerInputError, describePlace, IMPORT_COLUMNS, type ImportColumn, type InputPlace } from './errors';
import { MAX_ANSWER_ROWS, type AnswerChange } from './schemas';

// The spreadsheet both export formats write and both import formats read: one header row,
// then one row per question. Section and Question are there to be read; an import takes the
// answers by Question ID and ignores them.

export { IMPORT_COLUMNS as SHEET_COLUMNS };

/** Columns an import must have; Section and Question may be left out. */
const REQUIRED: ImportColumn[] = ['Question ID', 'Answer', 'Comment', 'Evidence'];

export interface AnswerRow {
  section: string;
  questionId: string;
  question: string;
  answer: 'yes' | 'no' | 'na' | null;
  comment: string;
  /** The evidence document's slug. */
  evidence: string | null;
}

/** A row's cells in column order, as text. */
export function rowCells(r: AnswerRow): string[] {
  return [r.section, r.questionId, r.question, answerLabel(r.answer), r.comment, r.evidence ?? ''];
}

/** A sheet as read from a file: its header and its rows with the row numbers a spreadsheet shows. */
export interface Sheet {
  header: string[];
  rows: { row: number; cells: string[] }[];
}

function refuse(code: string, detail: string, place: InputPlace = {}): never {
  throw new AnswerInputError(code, `${describePlace(place)}${detail}`, place);
}

const normalizeHeader = (h: string) => h.trim().replace(/\s+/g, ' ').toLowerCase();

/** The answers a sheet holds, with the row each came from. Blank rows are skipped. */
export function answersFromSheet(sheet: Sheet): { changes: AnswerChange[]; rows: number[] } {
  const index = new Map<ImportColumn, number>();
  sheet.header.forEach((name, i) => {
    const column = IMPORT_COLUMNS.find((c) => normalizeHeader(c) === normalizeHeader(name));
    if (!column) return;
    if (index.has(column)) refuse('duplicate_column', `the header names the column “${column}” twice.`, { row: 1 });
    index.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    refuse(
      'missing_columns',
      `the first row must be the header naming the columns ${REQUIRED.map((c) => `“${c}”`).join(', ')}; missing: ${missing.map((c) => `“${c}”`).join(', ')}.`,
      { row: 1 },
    );
  }
  const filled = sheet.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (filled.length === 0) refuse('no_rows', 'the file has a header but no answers.');
  if (filled.length > MAX_ANSWER_ROWS) refuse('too_many_rows', `the file has ${filled.length} rows; at most ${MAX_ANSWER_ROWS} can be imported.`);
  const changes = filled.map(({ row, cells }): AnswerChange => {
    const extra = cells.findIndex((c, i) => i >= sheet.header.length && c.trim() !== '');
    if (extra !== -1) refuse('extra_cells', `the row has a value in column ${extra + 1}, which the header does not name.`, { row });
    const cell = (column: ImportColumn) => cells[index.get(column)!] ?? '';
    const questionId = cell('Question ID').trim();
    if (!QUESTION_ID_PATTERN.test(questionId)) {
      refuse('invalid_question_id', questionId ? `“${questionId}” is not a question id (they look like “IDA-03”).` : 'the question id is empty.', {
        row,
        column: 'Question ID',
      });
    }
    const answer = answerFromLabel(cell('Answer'));
    if (answer === undefined) {
      refuse('invalid_answer', `“${cell('Answer').trim()}” is not an answer; use Yes, No, N/A, or leave it empty for unanswered.`, { row, column: 'Answer' });
    }
    const evidence = cell('Evidence').trim();
    if (evidence !== '' && !SLUG_PATTERN.test(evidence)) {
      refuse('unknown_evidence', `“${evidence}” is not a document slug (for example “soc2-type2-report”).`, { row, column: 'Evidence' });
    }
    return { questionId, answer, comment: cell('Comment'), evidence: evidence || null };
  });
  return { changes, rows: filled.map((r) => r.row) };
}
