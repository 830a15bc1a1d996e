import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { pdfResponse } from '@/lib/http/pdf-response';
import { recordedRead } from '@/lib/http/recorded-read';
import { route } from '@/lib/http/route';
import { exportQuestionnairePdf } from '@/lib/questionnaires/export';

/** The questionnaire's PDF as it stands, for trust admins, whatever its visibility (gated copies for reviewers are stamped on download). */
export const GET = route(recordedRead(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const rendered = await exportQuestionnairePdf(await getDatabase(), systemClock, actor, (await params).slug);
  return pdfResponse(rendered.pdf.bytes, { filename: rendered.filename, sha256: rendered.pdf.sha256, cacheControl: 'private, no-store' });
}));
