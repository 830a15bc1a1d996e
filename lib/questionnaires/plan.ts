import type { Answer } from './answers';
import { MAX_COMMENT_LENGTH, normalizeComment } from './answers';
import { AnswerInputError, describePlace, type InputPlace } from './errors';
import type { AnswerChange } from './schemas';

/** A question as it is now. */
export interface CurrentQuestion {
  id: string;
  questionId: string;
  answer: Answer | null;
  comment: string;
  evidenceDocumentId: string | null;
}

/** A document an evidence slug may name. */
export interface EvidenceDocument {
  id: string;
  slug: string;
  archived: boolean;
}

/** What is written for one question whose answer, comment or evidence differs from what it is. */
export interface PlannedUpdate {
  id: string;
  answer: Answer | null;
  comment: string;
  evidenceDocumentId: string | null;
}

/** Where a change came from, for the message that refuses it. */
export type Locate = (index: number) => InputPlace['row'];

function refuse(code: string, detail: string, place: InputPlace): never {
  throw new AnswerInputError(code, `${describePlace(place)}${detail}`, place);
}

/**
 * Checks every change against the questionnaire and says which questions really change. The
 * first problem refuses the whole set, naming its row and column: nothing is written unless
 * everything is valid.
 */
export function planAnswerChanges(current: CurrentQuestion[], evidence: EvidenceDocument[], changes: AnswerChange[], locate: Locate): PlannedUpdate[] {
  const byQuestionId = new Map(current.map((q) => [q.questionId, q]));
  const bySlug = new Map(evidence.map((d) => [d.slug, d]));
  const seen = new Map<string, number>();
  const updates: PlannedUpdate[] = [];
  changes.forEach((change, index) => {
    const row = locate(index);
    const question = byQuestionId.get(change.questionId);
    if (!question) refuse('unknown_question', `this questionnaire has no question “${change.questionId}”.`, { row, column: 'Question ID' });
    const earlier = seen.get(change.questionId);
    if (earlier !== undefined) {
      refuse('duplicate_question', `question “${change.questionId}” is answered twice (also in row ${earlier}).`, { row, column: 'Question ID' });
    }
    seen.set(change.questionId, row ?? index + 1);
    const comment = normalizeComment(change.comment);
    if (comment.length > MAX_COMMENT_LENGTH) {
      refuse('comment_too_long', `the comment has ${comment.length} characters; at most ${MAX_COMMENT_LENGTH} are allowed.`, { row, column: 'Comment' });
    }
    let evidenceDocumentId: string | null = null;
    if (change.evidence !== null) {
      const doc = bySlug.get(change.evidence);
      if (!doc) refuse('unknown_evidence', `there is no document “${change.evidence}” to link as evidence.`, { row, column: 'Evidence' });
      // A link made before the document was archived may stay; a new one must point at the portal.
      if (doc.archived && doc.id !== question.evidenceDocumentId) {
        refuse('archived_evidence', `the document “${change.evidence}” is archived; link a document that is on the portal.`, { row, column: 'Evidence' });
      }
      evidenceDocumentId = doc.id;
    }
    if (question.answer === change.answer && question.comment === comment && question.evidenceDocumentId === evidenceDocumentId) return;
    updates.push({ id: question.id, answer: change.answer, comment, evidenceDocumentId });
  });
  return updates;
}
