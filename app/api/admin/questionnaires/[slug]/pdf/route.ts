import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/clock';
import { getDatabase } from '@/lib/db';
import { AppError } from '@/lib/http/errors';
import { pdfResponse } from '@/lib/http/pdf-response';
import { route } from '@/lib/http/route';
import { renderQuestionnaireDocument } from '@/lib/questionnaires/document';
import { getQuestionnaire } from '@/lib/questionnaires/read';

/** The questionnaire's PDF as it stands, for trust admins, whatever its visibility (gated copies for reviewers are stamped on download). */
export const GET = route(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const db = await getDatabase();
  const { document } = await getQuestionnaire(db, actor, (await params).slug);
  const rendered = await renderQuestionnaireDocument(db, systemClock, { ...document, generator: 'questionnaire' });
  if (!rendered) throw new AppError('not_found', 'There is no such questionnaire.', 404);
  return pdfResponse(rendered.pdf.bytes, { filename: rendered.filename, sha256: rendered.pdf.sha256, cacheControl: 'private, no-store' });
});
