import { handler } from '@/lib/api/handler';
import { pdfResponse } from '@/lib/http/pdf-response';
import { exportQuestionnairePdf } from '@/lib/questionnaires/export';

/** The questionnaire's PDF as it stands, for trust admins, whatever its visibility (gated copies for reviewers are stamped on download). */
export const GET = handler({ access: 'trust-admin', recordedRead: true }, async (ctx, { params }: { params: { slug: string } }) => {
  const rendered = await exportQuestionnairePdf(ctx, params.slug);
  return pdfResponse(rendered.pdf.bytes, { filename: rendered.filename, sha256: rendered.pdf.sha256, cacheControl: 'private, no-store' });
});
