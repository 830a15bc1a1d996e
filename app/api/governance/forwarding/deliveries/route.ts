import { z } from 'zod';
import { handler } from '@/lib/api/handler';
import { listDeliveries } from '@/lib/forwarding/deliveries';

const query = z.object({
  limit: z.coerce.number().int().min(1, 'The limit is 1 to 200.').max(200, 'The limit is 1 to 200.').default(50),
  offset: z.coerce.number().int().min(0, 'The offset is 0 or more.').default(0),
});

/** The deliveries of the caller's chain, newest first: state, attempts, last status and error. */
export const GET = handler({ access: 'signed-in', query }, async (ctx, { query: q }) => ({ json: await listDeliveries(ctx, q) }));
