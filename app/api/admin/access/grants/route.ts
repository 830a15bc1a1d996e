import { NextResponse } from 'next/server';
import { pageParam } from '@/components/ui/pagination';
import { listActiveGrants } from '@/lib/access/grants';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';

/** Grants that still work, newest first. */
export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const page = pageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  const { items, total } = await listActiveGrants(await getDatabase(), systemClock, actor, { page, pageSize: 50 });
  return NextResponse.json({ grants: items, total, page });
});
