import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';
import { removeMapping } from '@/lib/identity/mappings';

/** The HTML form's way to remove a mapping (forms cannot send DELETE). */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor(request);
  const page = actor.kind === 'staff' ? '/admin/users' : '/console/users';
  try {
    await removeMapping(await getDatabase(), systemClock, actor, (await params).id);
    return redirectTo(`${page}?removed=1`);
  } catch (error) {
    return redirectWithError(page, error);
  }
});
