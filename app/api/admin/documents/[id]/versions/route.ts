import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { parseInput } from '@/lib/core/parse-input';
import { checkPdf } from '@/lib/documents/pdf-file';
import { versionFields } from '@/lib/documents/schemas';
import { readUpload } from '@/lib/documents/upload-request';
import { wantsHtml } from '@/lib/http/html-notice';
import { uploadVersion } from '@/lib/documents/versions';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';

/** Uploads a new current version: multipart/form-data (`file`, `note`), or application/pdf with `?filename=&note=`. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const page = `/admin/documents/${encodeURIComponent(id)}`;
  try {
    const upload = await readUpload(request);
    const { note } = parseInput(versionFields, upload.fields);
    const pdf = await checkPdf(upload.file?.bytes ?? new Uint8Array(), upload.file?.name, 'document');
    const version = await uploadVersion(await getDatabase(), systemClock, actor, id, pdf, note);
    refreshPublic('documents');
    return upload.form ? redirectTo(`${page}?uploaded=${version.version}`) : NextResponse.json({ version }, { status: 201 });
  } catch (error) {
    if (wantsHtml(request)) return redirectWithError(page, error);
    throw error;
  }
});
