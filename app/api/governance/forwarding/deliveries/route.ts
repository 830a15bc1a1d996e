import { NextResponse } from 'next/server';
import { z } from 'zod';
import { requireApiActor } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { parseInput } from '@/lib/core/parse-input';
import { listDeliveries } from '@/lib/forwarding/deliveries';
import { route } from '@/lib/http/route';

const query = z.object({
  limit: z.coerce.number().int().min(1, 'The limit is 1 to 200.').max(200, 'The limit is 1 to 200.').default(50),
  offset: z.coerce.number().int().min(0, 'The offset is 0 or more.').default(0),
});

/** The deliveries of the caller's chain, newest first: state, attempts, last status and error. */
export const GET = route(async (request) => {
  const actor = await requireApiActor(request);
  const q = parseInput(query, Object.fromEntries(request.nextUrl.searchParams));
  return NextResponse.json(await listDeliveries(await getDatabase(), actor, q));
});
