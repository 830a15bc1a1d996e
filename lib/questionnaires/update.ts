import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { documents, questionnaireQuestions, questionnaires, type QuestionnaireSlug } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { assertTrustAdmin, refusedByDatabase, rethrowRefusal } from '@/lib/auth/trust-admin';
import { queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { type Locate, planAnswerChanges } from './plan';
import { questionnaireNotFound } from './read';
import type { AnswerChange } from './schemas';
import type { Ctx } from '@/lib/db/ctx';

export interface AnswersSaved {
  /** Questions whose answer, comment or evidence changed. */
  changed: number;
  /** Questions sent with exactly what they already held. */
  unchanged: number;
  answersChangedAt: Date;
  /** The questionnaire's document, whose PDF the change renews. */
  documentId: string;
}

/**
 * Saves answers, comments and evidence links of one questionnaire as a trust admin, all or
 * nothing, in one transaction. Only questions that really change are written; the
 * questionnaire's "answers last changed" date (on the PDF's cover) moves only then, and
 * `content.questionnaire_answers_updated` is recorded (`via` says whether a form or an import).
 */
export async function updateAnswers(
  { db, clock, actor }: Ctx<Actor>,
  slug: string,
  changes: AnswerChange[],
  locate: Locate = (index) => index + 1,
  via: 'edit' | 'import' = 'edit',
): Promise<AnswersSaved> {
  assertTrustAdmin(actor);
  const now = clock.now();
  return withActor(db, actor, async (tx) => {
    // The database decides with the role the account holds now, not the one the session began with.
    const [{ admin }] = await queryRows<{ admin: boolean }>(tx, sql`SELECT app_is_trust_admin() AS admin`);
    if (!admin) throw refusedByDatabase();
    // Locked: two saves of the same questionnaire apply one after the other.
    const [questionnaire] = await tx
      .select({ id: questionnaires.id, documentId: questionnaires.documentId, answersChangedAt: questionnaires.answersChangedAt })
      .from(questionnaires)
      .where(eq(questionnaires.slug, slug as QuestionnaireSlug))
      .for('update');
    if (!questionnaire) throw questionnaireNotFound();
    const current = await tx
      .select({
        id: questionnaireQuestions.id,
        questionId: questionnaireQuestions.questionId,
        answer: questionnaireQuestions.answer,
        comment: questionnaireQuestions.comment,
        evidenceDocumentId: questionnaireQuestions.evidenceDocumentId,
      })
      .from(questionnaireQuestions)
      .where(eq(questionnaireQuestions.questionnaireId, questionnaire.id));
    const slugs = [...new Set(changes.map((c) => c.evidence).filter((s): s is string => s !== null))];
    const evidence = slugs.length
      ? (
          await tx.select({ id: documents.id, slug: documents.slug, archivedAt: documents.archivedAt }).from(documents).where(inArray(documents.slug, slugs))
        ).map((d) => ({ id: d.id, slug: d.slug, archived: d.archivedAt !== null }))
      : [];
    const updates = planAnswerChanges(current, evidence, changes, locate);
    if (updates.length === 0)
      return { changed: 0, unchanged: changes.length, answersChangedAt: questionnaire.answersChangedAt, documentId: questionnaire.documentId };
    try {
      for (const u of updates) {
        const written = await tx
          .update(questionnaireQuestions)
          .set({ answer: u.answer, comment: u.comment, evidenceDocumentId: u.evidenceDocumentId, updatedAt: now, updatedBy: actor.userId })
          .where(and(eq(questionnaireQuestions.id, u.id), eq(questionnaireQuestions.questionnaireId, questionnaire.id)))
          .returning({ id: questionnaireQuestions.id });
        if (written.length !== 1) throw refusedByDatabase();
      }
      await tx.update(questionnaires).set({ answersChangedAt: now, answersChangedBy: actor.userId }).where(eq(questionnaires.id, questionnaire.id));
      // The portal's documents list shows when each document last changed.
      await tx.update(documents).set({ updatedAt: now, updatedBy: actor.userId }).where(eq(documents.id, questionnaire.documentId));
      await emitEvent(tx, {
        tenantId: null,
        kind: 'content.questionnaire_answers_updated',
        subject: slug,
        payload: { questionnaire: slug, changed: updates.length, via },
      });
    } catch (error) {
      rethrowRefusal(error);
    }
    return { changed: updates.length, unchanged: changes.length - updates.length, answersChangedAt: now, documentId: questionnaire.documentId };
  });
}
