import { handler } from '@/lib/api/handler';
import { createServiceAccount, listServiceAccounts } from '@/lib/integration/service-accounts';

/** Every service account (trust admins), never a secret. */
export const GET = handler({ access: 'trust-admin' }, async (ctx) => ({ json: { serviceAccounts: await listServiceAccounts(ctx) } }));

/** `{"name","scopes"}`: 201 with the account and its secret, shown this once. */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form' }, async (ctx, { data }) => {
  const { account, secret } = await createServiceAccount(ctx, data);
  return { json: { serviceAccount: account, secret }, status: 201, headers: { 'Cache-Control': 'no-store' } };
});
