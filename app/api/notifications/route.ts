import { handler } from '@/lib/api/handler';
import { listNotifications } from '@/lib/notifications/inbox';

/** The caller's notifications, newest first, and how many are unread. */
export const GET = handler({ access: 'signed-in' }, async (ctx, { request }) => {
  const limit = Number.parseInt(request.nextUrl.searchParams.get('limit') ?? '20', 10) || 20;
  return { json: await listNotifications(ctx, limit) };
});
