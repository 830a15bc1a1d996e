import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { recordedRead } from '@/lib/http/recorded-read';
import { route } from '@/lib/http/route';
import { exportAnswers } from '@/lib/questionnaires/export';
import { sheetResponse } from '@/lib/questionnaires/http';

/** The answers as CSV (UTF-8, formula-like cells guarded), to edit and import again. */
export const GET = route(recordedRead(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  return sheetResponse(await exportAnswers(await getDatabase(), actor, (await params).slug, 'csv'));
}));
