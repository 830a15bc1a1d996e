import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { readAnswerChanges, redirectWithAnswerError } from '@/lib/questionnaires/http';
import type { AnswerChange } from '@/lib/questionnaires/schemas';
import { updateAnswers } from '@/lib/questionnaires/update';
import { warmQuestionnairePdf } from '@/lib/questionnaires/warm';

/**
 * Saves answers: JSON `{"answers": [{"questionId", "answer": "yes"|"no"|"na"|null, "comment",
 * "evidence": slug|null}]}` (every field required), or a section form of the staff page. All
 * or nothing; only questions that really change are written. A failed form goes back to the
 * section it came from, naming the question (so its own error answer).
 */
const questionnairePage = ({ params }: { params: { slug: string } }) => `/admin/questionnaires/${encodeURIComponent(params.slug)}`;

export const POST = handler({ access: 'trust-admin', form: { back: questionnairePage } }, async (ctx, { request, params, form, back: page }) => {
  const section = request.nextUrl.searchParams.get('section') ?? '';
  const at = /^section-[0-9]{1,3}$/.test(section) ? section : undefined;
  let changes: AnswerChange[] = [];
  try {
    changes = (await readAnswerChanges(request)).changes;
    const saved = await updateAnswers(ctx, params.slug, changes);
    if (saved.changed > 0) {
      refreshPublic('documents');
      warmQuestionnairePdf(ctx.db, saved.documentId);
    }
    return { json: saved, redirect: `${page}?saved=${saved.changed}${at ? `&at=${at}#${at}` : ''}` };
  } catch (error) {
    if (form) return redirectWithAnswerError(page, error, changes, at);
    throw error;
  }
});
