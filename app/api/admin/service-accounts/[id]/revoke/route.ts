import { handler } from '@/lib/api/handler';
import { revokeServiceAccount } from '@/lib/integration/service-accounts';

/** Revokes the account for good. */
export const POST = handler({ access: 'trust-admin', form: { back: '/admin/service-accounts' } }, async (ctx, { params }: { params: { id: string } }) => ({
  json: { serviceAccount: await revokeServiceAccount(ctx, params.id) },
  done: 'revoked',
}));
