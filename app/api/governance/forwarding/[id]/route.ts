import { handler } from '@/lib/api/handler';
import { removeEndpoint } from '@/lib/forwarding/remove';

/** Removes an endpoint of the caller's chain, with its queued deliveries. */
export const DELETE = handler({ access: 'signed-in' }, async (ctx, { params }: { params: { id: string } }) => ({
  json: { removed: await removeEndpoint(ctx, params.id) },
}));
