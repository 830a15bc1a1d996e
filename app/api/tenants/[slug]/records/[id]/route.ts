import { handler } from '@/lib/api/handler';
import { updateTenantRecord } from '@/lib/lockbox/tenant-data';

type Params = { slug: string; id: string };

/** Staff with read-write access correct a record: `{"title","body"}`. POST serves the HTML form. */
const update = handler(
  { access: 'signed-in', body: 'json-or-form', form: { back: ({ params }: { params: Params }) => `/admin/tenants/${encodeURIComponent(params.slug)}/data` } },
  async (ctx, { params, data }: { params: Params; data: unknown }) => ({
    json: { record: await updateTenantRecord(ctx, params.slug, params.id, data) },
    done: 'updated',
  }),
);

export const PATCH = update;
export const POST = update;
