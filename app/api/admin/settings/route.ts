import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { readSettingsForAdmin, updateSettings } from '@/lib/portal/settings';

export const GET = handler({ access: 'trust-admin' }, async (ctx) => ({ json: { settings: await readSettingsForAdmin(ctx) } }));

/** Saves the portal settings: the fields given replace the stored ones. Forms post, programs PATCH or POST. */
const save = handler({ access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/settings' } }, async (ctx, { data }) => {
  const settings = await updateSettings(ctx, data);
  refreshPublic('settings');
  return { json: { settings }, redirect: '/admin/settings?saved=1' };
});

export const POST = save;
export const PATCH = save;
