import { removeDomainRule } from '@/lib/access/domain-rules';
import { handler } from '@/lib/api/handler';

const PAGE = '/admin/access-requests/rules';

/** The HTML form's way to remove a rule (forms cannot send DELETE). */
export const POST = handler({ access: 'trust-admin', form: { when: 'always', back: PAGE } }, async (ctx, { params }: { params: { id: string } }) => {
  await removeDomainRule(ctx, params.id);
  return { redirect: `${PAGE}?removed=1` };
});
