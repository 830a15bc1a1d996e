import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { listSessions, invokeBreakGlass } from '@/lib/break-glass/sessions';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';

/** Sessions the caller may see: their tenant's (customer users), all (trust admins and holders). `?openReviews=1` */
export const GET = route(async (request) => {
  const actor = await requireApiActor(request);
  const params = request.nextUrl.searchParams;
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const { total, sessions } = await listSessions(await getDatabase(), systemClock, actor, { openReviews: params.get('openReviews') === '1', offset });
  return NextResponse.json({ total, sessions });
});

/** A designated holder opens emergency access: `{"tenant","justification","incident","durationMinutes"}`. */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  return jsonOrForm(request, '/admin/break-glass', async (data) => invokeBreakGlass(await getDatabase(), systemClock, actor, data), {
    json: (session) => ({ session, ...session }),
    status: 201,
    done: 'invoked',
    after: sendQueuedMail,
  });
});
