import { NextResponse } from 'next/server';
import { pageParam } from '@/components/ui/pagination';
import { listAccessRequests } from '@/lib/access/queue';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { AppError } from '@/lib/core/errors';
import { route } from '@/lib/http/route';

/** `?view=pending` (default, oldest first) or `?view=decided` (newest first); `&page=`. */
export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const params = request.nextUrl.searchParams;
  const view = params.get('view') ?? 'pending';
  if (view !== 'pending' && view !== 'decided') throw new AppError('invalid_view', 'view must be pending or decided.', 400);
  const page = pageParam(params.get('page') ?? undefined);
  const { items, total } = await listAccessRequests(await getDatabase(), actor, { view, page, pageSize: 50 });
  return NextResponse.json({ requests: items, total, page });
});
