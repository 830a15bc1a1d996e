import { z } from 'zod';
import { pageParam } from '@/components/ui/pagination';
import { listAccessRequests } from '@/lib/access/queue';
import { handler } from '@/lib/api/handler';

const query = z.object({ view: z.enum(['pending', 'decided'], 'view must be pending or decided.').default('pending'), page: z.string().optional() });

/** `?view=pending` (default, oldest first) or `?view=decided` (newest first); `&page=`. */
export const GET = handler({ access: 'trust-admin', query }, async (ctx, { query: { view, page: pageText } }) => {
  const page = pageParam(pageText);
  const { items, total } = await listAccessRequests(ctx, { view, page, pageSize: 50 });
  return { json: { requests: items, total, page } };
});
