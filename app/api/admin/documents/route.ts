import { pageParam } from '@/components/ui/pagination';
import { handler } from '@/lib/api/handler';
import { parseInput } from '@/lib/core/parse-input';
import { createDocument } from '@/lib/documents/edit';
import { listAdminDocuments } from '@/lib/documents/list';
import { checkPdf } from '@/lib/documents/pdf-file';
import { newDocumentFields } from '@/lib/documents/schemas';
import { readUpload } from '@/lib/documents/upload-request';
import { refreshPublic } from '@/lib/portal/cache';

export const GET = handler({ access: 'trust-admin' }, async (ctx, { request }) => {
  const page = pageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  const { items, total } = await listAdminDocuments(ctx, { page, pageSize: 50 });
  return { json: { documents: items, total, page } };
});

/** Creates a document with its first PDF: multipart/form-data, or application/pdf with the fields in the query. */
export const POST = handler({ access: 'trust-admin', form: { when: 'html', back: '/admin/documents/new' } }, async (ctx, { request }) => {
  const upload = await readUpload(request);
  const input = parseInput(newDocumentFields, upload.fields);
  const pdf = await checkPdf(upload.file?.bytes ?? new Uint8Array(), upload.file?.name, input.slug);
  const created = await createDocument(ctx, input, pdf);
  refreshPublic('documents');
  return { json: { document: created }, status: 201, redirect: `/admin/documents/${created.id}?created=1` };
});
