import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { readSheetUpload, redirectWithAnswerError } from '@/lib/questionnaires/http';
import { importAnswers } from '@/lib/questionnaires/import';
import { warmQuestionnairePdf } from '@/lib/questionnaires/warm';

const questionnairePage = ({ params }: { params: { slug: string } }) => `/admin/questionnaires/${encodeURIComponent(params.slug)}`;

/**
 * Imports answers from an XLSX or CSV file as exported: multipart/form-data with the file in
 * `file`, or the file itself as the body (`?filename=answers.xlsx`). All rows or none.
 */
export const POST = handler(
  { access: 'trust-admin', form: { when: 'html', back: questionnairePage, error: (error, { back }) => redirectWithAnswerError(back, error, [], 'import') } },
  async (ctx, { request, params, back }) => {
    const { file } = await readSheetUpload(request);
    const result = await importAnswers(ctx, params.slug, file);
    if (result.changed > 0) {
      refreshPublic('documents');
      warmQuestionnairePdf(ctx.db, result.documentId);
    }
    return { json: result, redirect: `${back}?imported=${result.rows}&changed=${result.changed}&at=import#import` };
  },
);
