import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';
import { updateTenantRecord } from '@/lib/lockbox/tenant-data';

type Params = { params: Promise<{ slug: string; id: string }> };

async function update(request: Parameters<Parameters<typeof route>[0]>[0], { params }: Params) {
  const actor = await requireApiActor(request);
  const { slug, id } = await params;
  return jsonOrForm(request, `/admin/tenants/${encodeURIComponent(slug)}/data`, async (data) => updateTenantRecord(await getDatabase(), systemClock, actor, slug, id, data), {
    json: (record) => ({ record }),
    done: 'updated',
  });
}

/** Staff with read-write access correct a record: `{"title","body"}`. POST serves the HTML form. */
export const PATCH = route<Params>(update);
export const POST = route<Params>(update);
