import { NextResponse, type NextRequest } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { readSettingsForAdmin, updateSettings } from '@/lib/portal/settings';

export const GET = route(async (request) => {
  const settings = await readSettingsForAdmin(await getDatabase(), await requireApiTrustAdmin(request));
  return NextResponse.json({ settings });
});

/** Saves the portal settings: the fields given replace the stored ones. Forms post, programs PATCH or POST. */
async function save(request: NextRequest) {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readBody(request);
  return respond(form, '/admin/settings', async () => {
    const settings = await updateSettings(await getDatabase(), systemClock, actor, data);
    return { redirect: '/admin/settings?saved=1', json: { settings }, refresh: ['settings'] };
  });
}

export const POST = route(save);
export const PATCH = route(save);
