import { handler } from '@/lib/api/handler';
import { exportPersonalData } from '@/lib/privacy/personal-data';

/** The caller's personal data as a JSON download (GDPR art. 15 and 20). POST, as it is recorded in the log. */
export const POST = handler({ access: 'signed-in' }, async (ctx) => {
  const now = ctx.clock.now();
  const filename = `personal-data-${now.toISOString().slice(0, 10)}.json`;
  const headers = { 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' };
  return { json: await exportPersonalData(ctx, now), headers };
});
