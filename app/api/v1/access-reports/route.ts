import { handler } from '@/lib/api/handler';
import { reportAccess, reportInput } from '@/lib/integration/access-reports';

/** An access the product made to a tenant's data: 201 recorded (200 when sent before). */
export const POST = handler({ access: 'service', scope: 'access:report', input: reportInput }, async (ctx, { input }) => {
  const report = await reportAccess(ctx, input);
  return { json: report, status: report.duplicate ? 200 : 201, headers: { 'Cache-Control': 'no-store' } };
});
