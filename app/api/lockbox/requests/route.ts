import { handler } from '@/lib/api/handler';
import { SLUG_PATTERN } from '@/lib/core/parse-input';
import { listQuery } from '@/lib/lockbox/list-query';
import { fileRequest, listRequests } from '@/lib/lockbox/requests';
import { sendQueuedMail } from '@/lib/mail/sender';

/** Staff: their own requests (trust admins: all); customer users: their tenant's. `?status=&tenant=&limit=&offset=` */
export const GET = handler({ access: 'signed-in' }, async (ctx, { request }) => {
  const query = await listQuery(ctx, request.nextUrl.searchParams);
  const { total, requests } = await listRequests(ctx, query);
  return { json: { total, requests } };
});

const tenantPage = ({ data }: { data: unknown }) => {
  const tenant = data && typeof data === 'object' ? (data as { tenant?: unknown }).tenant : undefined;
  return typeof tenant === 'string' && SLUG_PATTERN.test(tenant) ? `/admin/tenants/${tenant}` : '/admin/lockbox';
};

/** A support engineer asks a tenant for access: `{"tenant","justification","ticket","durationMinutes","access"}`. */
export const POST = handler({ access: 'signed-in', body: 'json-or-form', form: { back: tenantPage } }, async (ctx, { data }) => {
  const r = await fileRequest(ctx, data);
  sendQueuedMail();
  return { json: { request: r, ...r }, status: 201, done: 'requested' };
});
