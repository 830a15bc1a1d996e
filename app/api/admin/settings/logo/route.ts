import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';
import { respond } from '@/lib/portal/admin-response';
import { MAX_LOGO_BYTES, removeLogo, setLogo } from '@/lib/portal/logo';
import { readUpload } from '@/lib/portal/read-upload';

/**
 * Replaces the logo: a form's `logo` file, or the image itself as the request body
 * (Content-Type is ignored: the bytes decide whether it is a PNG, JPEG or WebP).
 */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const multipart = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data');
  return respond(multipart, '/admin/settings', async () => {
    const { bytes } = await readUpload(request, 'logo', MAX_LOGO_BYTES);
    const logo = await setLogo(await getDatabase(), systemClock, actor, bytes);
    return { redirect: '/admin/settings?logo=1', json: { logo }, refresh: ['settings'] };
  });
});

export const DELETE = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  await removeLogo(await getDatabase(), systemClock, actor);
  refreshPublic('settings');
  return NextResponse.json({ ok: true });
});
