import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { removeLogo } from '@/lib/portal/logo';

/** The HTML form's way to remove the logo (forms cannot send DELETE). */
export const POST = handler({ access: 'trust-admin', form: { when: 'always', back: '/admin/settings' } }, async (ctx) => {
  await removeLogo(ctx);
  refreshPublic('settings');
  return { redirect: '/admin/settings?logo_removed=1' };
});
