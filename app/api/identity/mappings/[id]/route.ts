import { handler } from '@/lib/api/handler';
import { removeMapping } from '@/lib/identity/mappings';

export const DELETE = handler({ access: 'signed-in' }, async (ctx, { params }: { params: { id: string } }) => {
  await removeMapping(ctx, params.id);
  return { json: { ok: true } };
});
