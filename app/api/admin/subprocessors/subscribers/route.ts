import { NextResponse } from 'next/server';
import { pageParam } from '@/components/ui/pagination';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { SUBSCRIBERS_PAGE_SIZE, listSubscribers } from '@/lib/subscriptions/list';

/** Subscribers and their status, newest first: trust admins only. ?page=N */
export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const page = pageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  const result = await listSubscribers(await getDatabase(), actor, { page, pageSize: SUBSCRIBERS_PAGE_SIZE });
  return NextResponse.json({ page, pageSize: SUBSCRIBERS_PAGE_SIZE, ...result });
});
