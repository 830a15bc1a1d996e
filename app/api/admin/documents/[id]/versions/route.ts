import { handler } from '@/lib/api/handler';
import { parseInput } from '@/lib/core/parse-input';
import { checkPdf } from '@/lib/documents/pdf-file';
import { versionFields } from '@/lib/documents/schemas';
import { readUpload } from '@/lib/documents/upload-request';
import { uploadVersion } from '@/lib/documents/versions';
import { refreshPublic } from '@/lib/portal/cache';

/** Uploads a new current version: multipart/form-data (`file`, `note`), or application/pdf with `?filename=&note=`. */
export const POST = handler(
  { access: 'trust-admin', form: { when: 'html', back: ({ params }: { params: { id: string } }) => `/admin/documents/${encodeURIComponent(params.id)}` } },
  async (ctx, { request, params, back }) => {
    const upload = await readUpload(request);
    const { note } = parseInput(versionFields, upload.fields);
    const pdf = await checkPdf(upload.file?.bytes ?? new Uint8Array(), upload.file?.name, 'document');
    const version = await uploadVersion(ctx, params.id, pdf, note);
    refreshPublic('documents');
    return { json: { version }, status: 201, redirect: `${back}?uploaded=${version.version}` };
  },
);
