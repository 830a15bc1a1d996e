import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { documents, type DocumentVisibility, questionnaireQuestions, questionnaires, type QuestionnaireSlug, users } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';
import type { Answer } from './answers';
import type { DbActor } from '@/lib/db/ctx';

export const questionnaireNotFound = () => new AppError('not_found', 'There is no such questionnaire.', 404);

export interface QuestionnaireSummary {
  slug: QuestionnaireSlug;
  title: string;
  description: string;
  document: { id: string; slug: string; title: string; visibility: DocumentVisibility; archived: boolean };
  questions: number;
  answered: number;
  unanswered: number;
  answersChangedAt: Date;
  answersChangedBy: string | null;
}

export interface QuestionView {
  questionId: string;
  section: string;
  question: string;
  answer: Answer | null;
  comment: string;
  evidence: { slug: string; title: string; archived: boolean } | null;
  updatedAt: Date;
}

export interface QuestionnaireDetail extends QuestionnaireSummary {
  sections: { name: string; questions: QuestionView[] }[];
}

/** A questionnaire's own columns, as every read of one selects them. */
export const questionnaireColumns = {
  id: questionnaires.id,
  slug: questionnaires.slug,
  title: questionnaires.title,
  description: questionnaires.description,
  answersChangedAt: questionnaires.answersChangedAt,
};

/** Each questionnaire with its document, who last changed an answer, and how many questions are answered. */
function selectSummaries(tx: Tx) {
  const counted = (answeredOnly: boolean) =>
    sql<number>`(SELECT count(*)::int FROM ${questionnaireQuestions} WHERE ${questionnaireQuestions.questionnaireId} = ${questionnaires.id}${
      answeredOnly ? sql` AND ${questionnaireQuestions.answer} IS NOT NULL` : sql``
    })`;
  return tx
    .select({
      ...questionnaireColumns,
      answersChangedBy: users.name,
      documentId: documents.id,
      documentSlug: documents.slug,
      documentTitle: documents.title,
      visibility: documents.visibility,
      archivedAt: documents.archivedAt,
      questions: counted(false),
      answered: counted(true),
    })
    .from(questionnaires)
    .innerJoin(documents, eq(documents.id, questionnaires.documentId))
    .leftJoin(users, eq(users.id, questionnaires.answersChangedBy))
    .$dynamic();
}

type SummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];

function toSummary(r: SummaryRow): QuestionnaireSummary {
  const questions = Number(r.questions);
  const answered = Number(r.answered);
  return {
    slug: r.slug,
    title: r.title,
    description: r.description,
    document: { id: r.documentId, slug: r.documentSlug, title: r.documentTitle, visibility: r.visibility, archived: r.archivedAt !== null },
    questions,
    answered,
    unanswered: questions - answered,
    answersChangedAt: r.answersChangedAt,
    answersChangedBy: r.answersChangedBy,
  };
}

/** The questionnaires with how many questions are answered, for trust admins. */
export async function listQuestionnaires({ db, actor }: DbActor<Actor>): Promise<QuestionnaireSummary[]> {
  assertTrustAdmin(actor);
  const rows = await withActor(db, actor, (tx) => selectSummaries(tx).orderBy(asc(questionnaires.slug)), { readOnly: true });
  return rows.map(toSummary);
}

/** One questionnaire with every question, by section in their built-in order, for trust admins. */
export async function getQuestionnaire({ db, actor }: DbActor<Actor>, slug: string): Promise<QuestionnaireDetail> {
  assertTrustAdmin(actor);
  return withActor(
    db,
    actor,
    async (tx) => {
      const [row] = await selectSummaries(tx).where(eq(questionnaires.slug, slug as QuestionnaireSlug));
      if (!row) throw questionnaireNotFound();
      const questions = await questionRows(tx, row.id);
      return { ...toSummary(row), sections: groupBySection(questions.map(toQuestionView)) };
    },
    { readOnly: true },
  );
}

/** A questionnaire's questions in order, each with its evidence document (if any). */
export function questionRows(tx: Tx, questionnaireId: string) {
  return tx
    .select({
      questionId: questionnaireQuestions.questionId,
      section: questionnaireQuestions.section,
      question: questionnaireQuestions.question,
      answer: questionnaireQuestions.answer,
      comment: questionnaireQuestions.comment,
      evidenceSlug: documents.slug,
      evidenceTitle: documents.title,
      evidenceArchivedAt: documents.archivedAt,
      updatedAt: questionnaireQuestions.updatedAt,
    })
    .from(questionnaireQuestions)
    .leftJoin(documents, eq(documents.id, questionnaireQuestions.evidenceDocumentId))
    .where(eq(questionnaireQuestions.questionnaireId, questionnaireId))
    .orderBy(asc(questionnaireQuestions.position));
}

function toQuestionView(q: {
  questionId: string;
  section: string;
  question: string;
  answer: Answer | null;
  comment: string;
  evidenceSlug: string | null;
  evidenceTitle: string | null;
  evidenceArchivedAt: Date | null;
  updatedAt: Date;
}): QuestionView {
  return {
    questionId: q.questionId,
    section: q.section,
    question: q.question,
    answer: q.answer,
    comment: q.comment,
    evidence: q.evidenceSlug === null ? null : { slug: q.evidenceSlug, title: q.evidenceTitle ?? q.evidenceSlug, archived: q.evidenceArchivedAt !== null },
    updatedAt: q.updatedAt,
  };
}

/** Questions in order, grouped into their sections (a section's questions are consecutive). */
export function groupBySection<Q extends { section: string }>(questions: Q[]): { name: string; questions: Q[] }[] {
  const sections: { name: string; questions: Q[] }[] = [];
  for (const q of questions) {
    const last = sections.at(-1);
    if (last && last.name === q.section) last.questions.push(q);
    else sections.push({ name: q.section, questions: [q] });
  }
  return sections;
}

export interface EvidenceChoice {
  slug: string;
  title: string;
  archived: boolean;
}

/** Documents a trust admin may link as evidence: those on the portal (archived ones only to show a link already made). */
export async function listEvidenceChoices(db: DbHandle, actor: Actor): Promise<EvidenceChoice[]> {
  assertTrustAdmin(actor);
  const rows = await withActor(
    db,
    actor,
    (tx) => tx.select({ slug: documents.slug, title: documents.title, archivedAt: documents.archivedAt }).from(documents).orderBy(asc(documents.title)),
    { readOnly: true },
  );
  return rows.map((r) => ({ slug: r.slug, title: r.title, archived: r.archivedAt !== null }));
}
