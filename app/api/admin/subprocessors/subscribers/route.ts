import { pageParam } from '@/components/ui/pagination';
import { handler } from '@/lib/api/handler';
import { listSubscribers, SUBSCRIBERS_PAGE_SIZE } from '@/lib/subscriptions/list';

/** Subscribers and their status, newest first: trust admins only. ?page=N */
export const GET = handler({ access: 'trust-admin' }, async (ctx, { request }) => {
  const page = pageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  const result = await listSubscribers(ctx, { page, pageSize: SUBSCRIBERS_PAGE_SIZE });
  return { json: { page, pageSize: SUBSCRIBERS_PAGE_SIZE, ...result } };
});
