import { handler } from '@/lib/api/handler';
import { getRequest } from '@/lib/lockbox/requests';

/** One request the caller may see; another tenant's id is a 404. */
export const GET = handler({ access: 'signed-in' }, async (ctx, { params }: { params: { id: string } }) => ({
  json: { request: await getRequest(ctx, params.id) },
}));
