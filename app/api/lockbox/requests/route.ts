import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';
import { fileRequest, listRequests } from '@/lib/lockbox/requests';
import { listQuery } from '@/lib/lockbox/list-query';

/** Staff: their own requests (trust admins: all); customer users: their tenant's. `?status=&tenant=&limit=&offset=` */
export const GET = route(async (request) => {
  const actor = await requireApiActor(request);
  const db = await getDatabase();
  const query = await listQuery(db, actor, request.nextUrl.searchParams);
  const { total, requests } = await listRequests(db, systemClock, actor, query);
  return NextResponse.json({ total, requests });
});

/** A support engineer asks a tenant for access: `{"tenant","justification","ticket","durationMinutes","access"}`. */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  const slugOf = (data: unknown) => {
    const tenant = data && typeof data === 'object' ? (data as { tenant?: unknown }).tenant : undefined;
    return typeof tenant === 'string' && /^[a-z0-9][a-z0-9-]{0,62}$/.test(tenant) ? `/admin/tenants/${tenant}` : '/admin/lockbox';
  };
  return jsonOrForm(request, slugOf, async (data) => fileRequest(await getDatabase(), systemClock, actor, data), {
    json: (r) => ({ request: r, ...r }),
    status: 201,
    done: 'requested',
    after: sendQueuedMail,
  });
});
