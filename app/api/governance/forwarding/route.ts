import { handler } from '@/lib/api/handler';
import { addEndpoint } from '@/lib/forwarding/add';
import { listEndpoints } from '@/lib/forwarding/endpoints';
import { targetPolicy } from '@/lib/forwarding/policy';

/** The endpoints of the caller's chain (customer admins: their tenant's; trust admins: the vendor's), never their secrets. */
export const GET = handler({ access: 'signed-in' }, async (ctx) => ({ json: { endpoints: await listEndpoints(ctx) } }));

/** `{"url","description"}`: 201 with the endpoint and its signing secret, shown this once. */
export const POST = handler({ access: 'signed-in', body: 'json-or-form' }, async (ctx, { data }) => {
  const { endpoint, secret } = await addEndpoint(ctx, data, targetPolicy());
  return { json: { endpoint, secret }, status: 201, headers: { 'Cache-Control': 'no-store' } };
});
