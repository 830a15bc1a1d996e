import 'server-only';
import type { Actor } from '@/lib/core/actor';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { answersToCsv } from './csv';
import { renderQuestionnaireDocument } from './document';
import { getQuestionnaire, listEvidenceChoices } from './read';
import type { AnswerRow } from './sheet';
import { answersToXlsx } from './xlsx';
import type { Ctx, DbActor } from '@/lib/db/ctx';

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

/** The export handed out, recorded (`content.questionnaire_exported`) before it leaves. */
async function recordExport(db: DbHandle, actor: Actor, slug: string, format: SheetFormat | 'pdf', sha256?: string) {
  assertTrustAdmin(actor);
  await withActor(db, actor, (tx) =>
    emitEvent(tx, {
      tenantId: null,
      kind: 'content.questionnaire_exported',
      subject: slug,
      payload: { questionnaire: slug, format, ...(sha256 ? { sha256 } : {}) },
    }),
  );
}

/** A questionnaire's answers as a spreadsheet a trust admin edits and imports again unchanged. */
export async function exportAnswers({ db, actor }: DbActor<Actor>, slug: string, format: SheetFormat): Promise<ExportedAnswers> {
  const questionnaire = await getQuestionnaire({ db, actor }, slug);
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
  await recordExport(db, actor, questionnaire.slug, format);
  return { filename, contentType: CONTENT_TYPES[format], bytes };
}

/** The questionnaire's PDF as it stands, for trust admins, whatever its visibility. */
export async function exportQuestionnairePdf({ db, clock, actor }: Ctx<Actor>, slug: string) {
  const { document, slug: found } = await getQuestionnaire({ db, actor }, slug);
  const rendered = await renderQuestionnaireDocument(db, clock, { ...document, generator: 'questionnaire' });
  if (!rendered) throw new AppError('not_found', 'There is no such questionnaire.', 404);
  await recordExport(db, actor, found, 'pdf', rendered.pdf.sha256);
  return rendered;
}
