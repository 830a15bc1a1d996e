import { removeDomainRule } from '@/lib/access/domain-rules';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';

const PAGE = '/admin/access-requests/rules';

/** The HTML form's way to remove a rule (forms cannot send DELETE). */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  try {
    await removeDomainRule(await getDatabase(), actor, (await params).id);
    return redirectTo(`${PAGE}?removed=1`);
  } catch (error) {
    return redirectWithError(PAGE, error);
  }
});
