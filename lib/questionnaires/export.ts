import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { DbHandle } from '@/lib/db/with-actor';
import { answersToCsv } from './csv';
import { getQuestionnaire, listEvidenceChoices } from './read';
import type { AnswerRow } from './sheet';
import { answersToXlsx } from './xlsx';

export type SheetFormat = 'xlsx' | 'csv';

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportedAnswers {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A questionnaire's answers as a spreadsheet a trust admin edits and imports again unchanged. */
export async function exportAnswers(db: DbHandle, actor: Actor, slug: string, format: SheetFormat): Promise<ExportedAnswers> {
  const questionnaire = await getQuestionnaire(db, actor, slug);
  const rows: AnswerRow[] = questionnaire.sections.flatMap((s) =>
    s.questions.map((q) => ({
      section: s.name,
      questionId: q.questionId,
      question: q.question,
      answer: q.answer,
      comment: q.comment,
      evidence: q.evidence?.slug ?? null,
    })),
  );
  const filename = `${questionnaire.slug}-answers-${questionnaire.answersChangedAt.toISOString().slice(0, 10)}.${format}`;
  const bytes =
    format === 'csv'
      ? answersToCsv(rows)
      : await answersToXlsx(
          questionnaire.title,
          rows,
          (await listEvidenceChoices(db, actor)).filter((d) => !d.archived),
        );
  return { filename, contentType: CONTENT_TYPES[format], bytes };
}
