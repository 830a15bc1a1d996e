import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { removeEndpoint } from '@/lib/forwarding/remove';
import { route } from '@/lib/http/route';

/** Removes an endpoint of the caller's chain, with its queued deliveries. */
export const DELETE = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const { id } = await params;
  return NextResponse.json({ removed: await removeEndpoint(await getDatabase(), actor, id) });
});
