import 'server-only';
import type { NextRequest } from 'next/server';
import { AppError } from '@/lib/core/errors';
import { readBytes } from '@/lib/http/route';

function tooLarge() {
  return new AppError('logo_too_large', 'The logo can be at most 256 KB.', 413);
}

// Room for the multipart boundaries and headers around the file.
const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * An uploaded file: the `field` of a multipart form (what a browser sends), or the raw body
 * of a program's request. The size is bounded while reading, before anything is parsed.
 */
export async function readUpload(request: NextRequest, field: string, maxBytes: number): Promise<{ form: boolean; bytes: Uint8Array }> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const body = await readBytes(request, { max: maxBytes + MULTIPART_OVERHEAD, tooLarge });
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': type } }).formData();
    } catch {
      throw new AppError('invalid_request', 'The upload could not be read. Send a multipart form with the file.', 400);
    }
    const file = form.get(field);
    if (!(file instanceof Blob)) return { form: true, bytes: new Uint8Array() };
    if (file.size > maxBytes) throw tooLarge();
    return { form: true, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  return { form: false, bytes: await readBytes(request, { max: maxBytes, tooLarge }) };
}
