import { pageParam } from '@/components/ui/pagination';
import { listNdaVersions, publishNda } from '@/lib/access/nda';
import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';

const PAGE = '/admin/access-requests/nda';

export const GET = handler({ access: 'trust-admin' }, async (ctx, { request }) => {
  const page = pageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  const { items, total } = await listNdaVersions(ctx, { page, pageSize: 20 });
  return { json: { versions: items, total, page } };
});

/** Publishes a new NDA version {"title","body"}; earlier acceptances stay valid. An NDA may run to 50,000 characters, more than 64 KB once form-encoded. */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form', maxBody: 512 * 1024, form: { back: PAGE } }, async (ctx, { data }) => {
  const version = await publishNda(ctx, data);
  refreshPublic('nda');
  return { json: { version }, status: 201, redirect: `${PAGE}?published=${version.version}` };
});
