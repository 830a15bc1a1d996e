import { handler } from '@/lib/api/handler';
import { issueGrantToken, tokenInput } from '@/lib/integration/grant-tokens';

/** A grant token (JWT, EdDSA, at most 60 s) for an access the decision allows; 403 `no_access` otherwise. */
export const POST = handler({ access: 'service', scope: 'lockbox:check', input: tokenInput }, async (ctx, { input }) => ({
  json: await issueGrantToken(ctx, input),
  status: 201,
  headers: { 'Cache-Control': 'no-store' },
}));
