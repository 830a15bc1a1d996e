import 'server-only';
import { eq } from 'drizzle-orm';
import { documents, type DocumentVisibility, portalSettings, questionnaires } from '@/drizzle/schema';
import { SYSTEM } from '@/lib/core/actor';
import { config } from '@/lib/core/config';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import type { Answer } from './answers';
import { groupBySection, questionnaireColumns, questionRows } from './read';

/** Bump when the layout changes: a new version is a new cache key, so every PDF is rendered anew. */
export const QUESTIONNAIRE_TEMPLATE = 'questionnaire-pdf/1';

/** Everything a questionnaire's PDF shows: the render cache's key is made of exactly this. */
export interface QuestionnairePdfInput {
  template: typeof QUESTIONNAIRE_TEMPLATE;
  appUrl: string;
  vendorName: string;
  slug: string;
  documentSlug: string;
  title: string;
  description: string;
  visibility: DocumentVisibility;
  /** ISO time: the cover's date and the PDF's creation date. */
  answersChangedAt: string;
  sections: {
    name: string;
    questions: { id: string; question: string; answer: Answer | null; comment: string; evidence: { slug: string; title: string } | null }[];
  }[];
}

/**
 * The questionnaire published as `documentId`, read as the portal's automatic work: the
 * caller decided access (a public document, or a grant checked by gated_document_access()).
 */
export async function readQuestionnairePdfInput(db: DbHandle, documentId: string): Promise<QuestionnairePdfInput | null> {
  return withActor(
    db,
    SYSTEM,
    async (tx) => {
      const [q] = await tx
        .select({
          ...questionnaireColumns,
          documentSlug: documents.slug,
          visibility: documents.visibility,
        })
        .from(questionnaires)
        .innerJoin(documents, eq(documents.id, questionnaires.documentId))
        .where(eq(questionnaires.documentId, documentId));
      if (!q) return null;
      const [settings] = await tx.select({ vendorName: portalSettings.vendorName }).from(portalSettings).where(eq(portalSettings.id, true));
      const rows = await questionRows(tx, q.id);
      const questions = rows.map((r) => ({
        section: r.section,
        id: r.questionId,
        question: r.question,
        answer: r.answer,
        comment: r.comment,
        // An archived document is off the portal: its link would lead nowhere.
        evidence: r.evidenceSlug !== null && r.evidenceArchivedAt === null ? { slug: r.evidenceSlug, title: r.evidenceTitle ?? r.evidenceSlug } : null,
      }));
      return {
        template: QUESTIONNAIRE_TEMPLATE,
        appUrl: config().appUrl.origin,
        vendorName: settings?.vendorName ?? 'Trust Center',
        slug: q.slug,
        documentSlug: q.documentSlug,
        title: q.title,
        description: q.description,
        visibility: q.visibility,
        answersChangedAt: q.answersChangedAt.toISOString(),
        sections: groupBySection(questions).map((s) => ({ name: s.name, questions: s.questions.map(({ section: _, ...rest }) => rest) })),
      };
    },
    { readOnly: true },
  );
}
