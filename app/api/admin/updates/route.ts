import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { respond } from '@/lib/portal/admin-response';
import { createUpdate, listUpdatesForAdmin } from '@/lib/portal/updates';

/** All news, scheduled items included: ?limit= (at most 100) and ?offset=. */
export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const limit = Math.min(100, Math.max(1, Number(request.nextUrl.searchParams.get('limit')) || 20));
  const offset = Math.max(0, Math.floor(Number(request.nextUrl.searchParams.get('offset')) || 0));
  return NextResponse.json(await listUpdatesForAdmin(await getDatabase(), actor, { limit, offset }));
});

/** Posts news, at once or at publishedAt. */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readBody(request);
  return respond(form, '/admin/updates', async () => {
    const update = await createUpdate(await getDatabase(), systemClock, actor, data);
    return { redirect: '/admin/updates?created=1', json: { update }, status: 201, refresh: ['updates'] };
  });
});
