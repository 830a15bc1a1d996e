import { ANSWERS, type Answer } from '@/drizzle/schema/questionnaires';

// What an answer is called where people read and write it: the staff form, the PDF, the
// spreadsheets. Safe for client components (no database).

export { ANSWERS, type Answer };

export const ANSWER_LABELS: Record<Answer, string> = { yes: 'Yes', no: 'No', na: 'N/A' };

/** A question's id within its questionnaire: two to five capitals, a dash and two or three digits ("IDA-03"). */
export const QUESTION_ID_PATTERN = /^[A-Z]{2,5}-[0-9]{2,3}$/;

export const MAX_COMMENT_LENGTH = 2000;

/** The answer a spreadsheet cell names ("Yes", "no", "N/A", "NA"), null for an empty cell, undefined for anything else. */
export function answerFromLabel(label: string): Answer | null | undefined {
  const v = label.trim().toLowerCase();
  if (v === '') return null;
  if (v === 'yes') return 'yes';
  if (v === 'no') return 'no';
  if (v === 'n/a' || v === 'na') return 'na';
  return undefined;
}

export function answerLabel(answer: Answer | null): string {
  return answer ? ANSWER_LABELS[answer] : '';
}

/** A comment as it is stored: plain line ends, no white space at the ends of lines or of the text. */
export function normalizeComment(comment: string): string {
  return comment
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}
