import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { createUpdate, listUpdatesForAdmin } from '@/lib/portal/updates';

/** All news, scheduled items included: ?limit= (at most 100) and ?offset=. */
export const GET = handler({ access: 'trust-admin' }, async (ctx, { request }) => {
  const limit = Math.min(100, Math.max(1, Number(request.nextUrl.searchParams.get('limit')) || 20));
  const offset = Math.max(0, Math.floor(Number(request.nextUrl.searchParams.get('offset')) || 0));
  return { json: await listUpdatesForAdmin(ctx, { limit, offset }) };
});

/** Posts news, at once or at publishedAt. */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/updates' } }, async (ctx, { data }) => {
  const update = await createUpdate(ctx, data);
  refreshPublic('updates');
  return { json: { update }, status: 201, redirect: '/admin/updates?created=1' };
});
