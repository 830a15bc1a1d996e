import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/clock';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { renderQuestionnaireDocument } from '@/lib/questionnaires/document';
import { getQuestionnaire } from '@/lib/questionnaires/read';

/** The questionnaire's PDF as it stands, for trust admins, whatever its visibility (gated copies for reviewers are stamped on download). */
export const GET = route(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const db = await getDatabase();
  const { document } = await getQuestionnaire(db, actor, (await params).slug);
  const { filename, pdf } = await renderQuestionnaireDocument(db, systemClock, { ...document, generator: 'questionnaire' });
  return new NextResponse(new Uint8Array(pdf.bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.bytes.length),
      'Content-Disposition': `inline; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});
