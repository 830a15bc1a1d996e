import { removeDomainRule } from '@/lib/access/domain-rules';
import { handler } from '@/lib/api/handler';

export const DELETE = handler({ access: 'trust-admin' }, async (ctx, { params }: { params: { id: string } }) => {
  await removeDomainRule(ctx, params.id);
  return { json: { ok: true } };
});
