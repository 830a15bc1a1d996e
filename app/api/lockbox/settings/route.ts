import { handler } from '@/lib/api/handler';
import { readLockboxSettings, updateLockboxSettings } from '@/lib/lockbox/settings';

/** The caller's tenant's lockbox settings. */
export const GET = handler({ access: 'signed-in' }, async (ctx) => ({ json: { settings: await readLockboxSettings(ctx) } }));

/** Customer admins: `{"requestExpiryHours","requiredApprovals"}` (1 or 2). */
export const POST = handler({ access: 'signed-in', body: 'json-or-form', form: { back: '/console/lockbox/settings' } }, async (ctx, { data }) => ({
  json: { settings: await updateLockboxSettings(ctx, data) },
  done: 'saved',
}));
