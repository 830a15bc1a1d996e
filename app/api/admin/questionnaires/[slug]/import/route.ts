import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { wantsHtml } from '@/lib/http/html-notice';
import { redirectTo } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';
import { readSheetUpload, redirectWithAnswerError } from '@/lib/questionnaires/http';
import { importAnswers } from '@/lib/questionnaires/import';
import { warmQuestionnairePdf } from '@/lib/questionnaires/warm';

/**
 * Imports answers from an XLSX or CSV file as exported: multipart/form-data with the file in
 * `file`, or the file itself as the body (`?filename=answers.xlsx`). All rows or none.
 */
export const POST = route(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { slug } = await params;
  const page = `/admin/questionnaires/${encodeURIComponent(slug)}`;
  try {
    const db = await getDatabase();
    const { form, file } = await readSheetUpload(request);
    const result = await importAnswers(db, systemClock, actor, slug, file);
    if (result.changed > 0) {
      refreshPublic('documents');
      warmQuestionnairePdf(db, result.documentId);
    }
    return form ? redirectTo(`${page}?imported=${result.rows}&changed=${result.changed}&at=import#import`) : NextResponse.json(result);
  } catch (error) {
    if (wantsHtml(request)) return redirectWithAnswerError(page, error, [], 'import');
    throw error;
  }
});
