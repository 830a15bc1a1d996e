import { handler } from '@/lib/api/handler';
import { rotateServiceAccount } from '@/lib/integration/service-accounts';

/** A new secret for the account: 200 with the account and the secret, shown this once. */
export const POST = handler({ access: 'trust-admin' }, async (ctx, { params }: { params: { id: string } }) => {
  const { account, secret } = await rotateServiceAccount(ctx, params.id);
  return { json: { serviceAccount: account, secret }, headers: { 'Cache-Control': 'no-store' } };
});
