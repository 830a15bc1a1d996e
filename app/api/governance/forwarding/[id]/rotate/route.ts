import { handler } from '@/lib/api/handler';
import { rotateSecret } from '@/lib/forwarding/manage';

/** A new signing secret for the endpoint: 200 with the endpoint and the secret, shown this once. */
export const POST = handler({ access: 'signed-in' }, async (ctx, { params }: { params: { id: string } }) => {
  const { endpoint, secret } = await rotateSecret(ctx, params.id);
  return { json: { endpoint, secret }, headers: { 'Cache-Control': 'no-store' } };
});
