import { handler } from '@/lib/api/handler';
import { exportAnswers } from '@/lib/questionnaires/export';
import { sheetResponse } from '@/lib/questionnaires/http';

/** The answers as CSV (UTF-8, formula-like cells guarded), to edit and import again. */
export const GET = handler({ access: 'trust-admin', recordedRead: true }, async (ctx, { params }: { params: { slug: string } }) =>
  sheetResponse(await exportAnswers(ctx, params.slug, 'csv')),
);
