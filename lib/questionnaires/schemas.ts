import { z } from 'zod';
import { SLUG_PATTERN } from '@/lib/core/parse-input';
import { ANSWERS, MAX_COMMENT_LENGTH, QUESTION_ID_PATTERN } from './answers';

/** How many answers one save or one import may carry: more than any built-in question set has. */
export const MAX_ANSWER_ROWS = 500;

/**
 * One question's answer as the staff send it. Every field is required (null for "none"), so
 * that an omitted field is refused rather than silently cleared.
 */
export const answerChange = z.object({
  questionId: z.string({ message: 'Send the question id.' }).regex(QUESTION_ID_PATTERN, 'A question id looks like “IDA-03”.'),
  answer: z.enum(ANSWERS, { message: 'The answer must be “yes”, “no”, “na”, or null for unanswered.' }).nullable(),
  comment: z
    .string({ message: 'Send the comment (an empty string for none).' })
    .max(MAX_COMMENT_LENGTH * 2, `The comment can be at most ${MAX_COMMENT_LENGTH} characters.`),
  evidence: z
    .string({ message: 'Send the evidence document’s slug, or null for none.' })
    .regex(SLUG_PATTERN, 'The evidence is a document’s slug, for example “soc2-type2-report”.')
    .nullable(),
});
export type AnswerChange = z.infer<typeof answerChange>;

export const answerChanges = z.object({
  answers: z
    .array(answerChange, { message: 'Send “answers”, a list of answers.' })
    .min(1, 'Send at least one answer.')
    .max(MAX_ANSWER_ROWS, `Send at most ${MAX_ANSWER_ROWS} answers at once.`),
});
