import { handler } from '@/lib/api/handler';
import { feedQuery, grantChanges } from '@/lib/integration/grant-feed';

/** Every grant change after a cursor, in commit order; `wait` long-polls for the next. */
export const GET = handler({ access: 'service', scope: 'grants:read', query: feedQuery }, async (ctx, { query, request }) => ({
  json: await grantChanges(ctx, query, request.signal),
  headers: { 'Cache-Control': 'no-store' },
}));
