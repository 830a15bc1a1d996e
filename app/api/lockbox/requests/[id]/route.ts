import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { getRequest } from '@/lib/lockbox/requests';

/** One request the caller may see; another tenant's id is a 404. */
export const GET = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const found = await getRequest(await getDatabase(), systemClock, actor, (await params).id);
  return NextResponse.json({ request: found });
});
