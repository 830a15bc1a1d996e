import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { MAX_LOGO_BYTES, removeLogo, setLogo } from '@/lib/portal/logo';
import { readUpload } from '@/lib/portal/read-upload';

/**
 * Replaces the logo: a form's `logo` file, or the image itself as the request body
 * (Content-Type is ignored: the bytes decide whether it is a PNG, JPEG or WebP).
 */
export const POST = handler({ access: 'trust-admin', form: { when: 'multipart', back: '/admin/settings' } }, async (ctx, { request }) => {
  const { bytes } = await readUpload(request, 'logo', MAX_LOGO_BYTES);
  const logo = await setLogo(ctx, bytes);
  refreshPublic('settings');
  return { json: { logo }, redirect: '/admin/settings?logo=1' };
});

export const DELETE = handler({ access: 'trust-admin' }, async (ctx) => {
  await removeLogo(ctx);
  refreshPublic('settings');
  return { json: { ok: true } };
});
