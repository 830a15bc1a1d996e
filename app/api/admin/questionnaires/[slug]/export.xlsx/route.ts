import { handler } from '@/lib/api/handler';
import { exportAnswers } from '@/lib/questionnaires/export';
import { sheetResponse } from '@/lib/questionnaires/http';

/** The answers as an XLSX workbook, to edit and import again. */
export const GET = handler({ access: 'trust-admin', recordedRead: true }, async (ctx, { params }: { params: { slug: string } }) =>
  sheetResponse(await exportAnswers(ctx, params.slug, 'xlsx')),
);
