import { handler } from '@/lib/api/handler';
import { decideAccess, decisionInput } from '@/lib/integration/decision';

/** May this staff member reach this tenant's data now? (OpenAPI: /api/v1/openapi.json) */
export const POST = handler({ access: 'service', scope: 'lockbox:check', input: decisionInput }, async (ctx, { input }) => ({
  json: await decideAccess(ctx, input),
  headers: { 'Cache-Control': 'no-store' },
}));
