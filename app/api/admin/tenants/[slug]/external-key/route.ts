import { handler } from '@/lib/api/handler';
import { setTenantKey } from '@/lib/integration/tenant-key';

/** `{"externalKey"}`: the key the vendor's product knows the tenant by. */
export const POST = handler(
  {
    access: 'trust-admin',
    body: 'json-or-form',
    form: { back: ({ params }: { params: { slug: string } }) => `/admin/tenants/${encodeURIComponent(params.slug)}` },
  },
  async (ctx, { params, data }: { params: { slug: string }; data: unknown }) => ({ json: await setTenantKey(ctx, params.slug, data), done: 'key' }),
);
