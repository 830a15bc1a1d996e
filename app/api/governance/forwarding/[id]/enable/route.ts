import { requireApiActor } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { enableEndpoint } from '@/lib/forwarding/manage';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';

/** Sends to an endpoint that was disabled after failing for days again. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const { id } = await params;
  const fallback = actor.kind === 'staff' ? '/admin/governance/forwarding' : '/console/governance/forwarding';
  return jsonOrForm(request, fallback, async () => enableEndpoint(await getDatabase(), actor, id), {
    json: (endpoint) => ({ endpoint }),
    done: 'enabled',
  });
});
