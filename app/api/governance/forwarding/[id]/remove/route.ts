import { requireApiActor } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { removeEndpoint } from '@/lib/forwarding/remove';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';

/** The console's remove button (a form cannot send DELETE): the same as DELETE on the endpoint. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const { id } = await params;
  const fallback = actor.kind === 'staff' ? '/admin/governance/forwarding' : '/console/governance/forwarding';
  return jsonOrForm(request, fallback, async () => removeEndpoint(await getDatabase(), actor, id), {
    json: (removed) => ({ removed }),
    done: 'removed',
  });
});
