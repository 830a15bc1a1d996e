import { AppError } from '@/lib/core/errors';

/** Where in an uploaded spreadsheet (or a JSON list of answers) a problem was found. */
export interface InputPlace {
  /** 1-based row as a spreadsheet shows it (the header is row 1); for JSON, the item's index + 1. */
  row?: number;
  column?: ImportColumn;
}

export const IMPORT_COLUMNS = ['Section', 'Question ID', 'Question', 'Answer', 'Comment', 'Evidence'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** A refused answer or import: the message names the row and column, which are also given apart for forms. */
export class AnswerInputError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly place: InputPlace = {},
    status: 400 | 413 | 415 | 422 = 400,
  ) {
    super(code, message, status);
  }
}

/** The prefix of a message about one place: "Row 7, column “Answer”: ". */
export function describePlace({ row, column }: InputPlace): string {
  if (row !== undefined && column) return `Row ${row}, column “${column}”: `;
  if (row !== undefined) return `Row ${row}: `;
  if (column) return `Column “${column}”: `;
  return '';
}
