import { pageParam } from '@/components/ui/pagination';
import { listActiveGrants } from '@/lib/access/grants';
import { handler } from '@/lib/api/handler';

/** Grants that still work, newest first. */
export const GET = handler({ access: 'trust-admin' }, async (ctx, { request }) => {
  const page = pageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  const { items, total } = await listActiveGrants(ctx, { page, pageSize: 50 });
  return { json: { grants: items, total, page } };
});
