import { NextResponse } from 'next/server';
import { pageParam } from '@/components/ui/pagination';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { createDocument } from '@/lib/documents/edit';
import { listAdminDocuments } from '@/lib/documents/list';
import { parseInput } from '@/lib/core/parse-input';
import { checkPdf } from '@/lib/documents/pdf-file';
import { newDocumentFields } from '@/lib/documents/schemas';
import { readUpload } from '@/lib/documents/upload-request';
import { wantsHtml } from '@/lib/http/html-notice';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';

export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const page = pageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  const { items, total } = await listAdminDocuments(await getDatabase(), systemClock, actor, { page, pageSize: 50 });
  return NextResponse.json({ documents: items, total, page });
});

/** Creates a document with its first PDF: multipart/form-data, or application/pdf with the fields in the query. */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  try {
    const upload = await readUpload(request);
    const input = parseInput(newDocumentFields, upload.fields);
    const pdf = await checkPdf(upload.file?.bytes ?? new Uint8Array(), upload.file?.name, input.slug);
    const created = await createDocument(await getDatabase(), systemClock, actor, input, pdf);
    refreshPublic('documents');
    return upload.form ? redirectTo(`/admin/documents/${created.id}?created=1`) : NextResponse.json({ document: created }, { status: 201 });
  } catch (error) {
    if (wantsHtml(request)) return redirectWithError('/admin/documents/new', error);
    throw error;
  }
});
