import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { rotateSecret } from '@/lib/forwarding/manage';
import { route } from '@/lib/http/route';

/** A new signing secret for the endpoint: 200 with the endpoint and the secret, shown this once. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const { id } = await params;
  const { endpoint, secret } = await rotateSecret(await getDatabase(), actor, id);
  return NextResponse.json({ endpoint, secret }, { headers: { 'Cache-Control': 'no-store' } });
});
