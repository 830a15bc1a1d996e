import { handler } from '@/lib/api/handler';
import { invokeBreakGlass, listSessions } from '@/lib/break-glass/sessions';
import { sendQueuedMail } from '@/lib/mail/sender';

/** Sessions the caller may see: their tenant's (customer users), all (trust admins and holders). `?openReviews=1` */
export const GET = handler({ access: 'signed-in' }, async (ctx, { request }) => {
  const params = request.nextUrl.searchParams;
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const { total, sessions } = await listSessions(ctx, { openReviews: params.get('openReviews') === '1', offset });
  return { json: { total, sessions } };
});

/** A designated holder opens emergency access: `{"tenant","justification","incident","durationMinutes"}`. */
export const POST = handler({ access: 'signed-in', body: 'json-or-form', form: { back: '/admin/break-glass' } }, async (ctx, { data }) => {
  const session = await invokeBreakGlass(ctx, data);
  sendQueuedMail();
  return { json: { session, ...session }, status: 201, done: 'invoked' };
});
