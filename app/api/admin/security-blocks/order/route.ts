import { handler } from '@/lib/api/handler';
import { refreshPublic } from '@/lib/portal/cache';
import { reorderSecurityBlocks } from '@/lib/portal/security-blocks';

/** Puts every block in the given order: {"order": [id, ...]} (JSON only). */
const reorder = handler({ access: 'trust-admin', body: 'json-or-form' }, async (ctx, { data }) => {
  const blocks = await reorderSecurityBlocks(ctx, data);
  refreshPublic('security');
  return { json: { blocks } };
});

export const POST = reorder;
export const PUT = reorder;
