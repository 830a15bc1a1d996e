import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { removeLogo } from '@/lib/portal/logo';

/** The HTML form's way to remove the logo (forms cannot send DELETE). */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  return respond(true, '/admin/settings', async () => {
    await removeLogo(await getDatabase(), systemClock, actor);
    return { redirect: '/admin/settings?logo_removed=1', json: null, refresh: ['settings'] };
  });
});
