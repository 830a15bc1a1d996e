import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { addEndpoint } from '@/lib/forwarding/add';
import { listEndpoints } from '@/lib/forwarding/endpoints';
import { targetPolicy } from '@/lib/forwarding/policy';
import { readBody, route } from '@/lib/http/route';

/** The endpoints of the caller's chain (customer admins: their tenant's; trust admins: the vendor's), never their secrets. */
export const GET = route(async (request) => {
  const endpoints = await listEndpoints(await getDatabase(), await requireApiActor(request));
  return NextResponse.json({ endpoints });
});

/** `{"url","description"}`: 201 with the endpoint and its signing secret, shown this once. */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  const { data } = await readBody(request);
  const { endpoint, secret } = await addEndpoint(await getDatabase(), actor, data, targetPolicy());
  return NextResponse.json({ endpoint, secret }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});
