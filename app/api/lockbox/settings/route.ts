import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';
import { readLockboxSettings, updateLockboxSettings } from '@/lib/lockbox/settings';

/** The caller's tenant's lockbox settings. */
export const GET = route(async (request) => {
  const settings = await readLockboxSettings(await getDatabase(), await requireApiActor(request));
  return NextResponse.json({ settings });
});

/** Customer admins: `{"requestExpiryHours","requiredApprovals"}` (1 or 2). */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  return jsonOrForm(request, '/console/lockbox/settings', async (data) => updateLockboxSettings(await getDatabase(), systemClock, actor, data), {
    json: (settings) => ({ settings }),
    done: 'saved',
  });
});
