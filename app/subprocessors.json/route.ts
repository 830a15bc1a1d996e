import { handler } from '@/lib/api/handler';
import { config } from '@/lib/core/config';
import { publicSettings } from '@/lib/portal/public-settings';
import { cacheableResponse } from '@/lib/subprocessors/http-cache';
import { subprocessorsJson } from '@/lib/subprocessors/json';
import { publicSubprocessors } from '@/lib/subprocessors/public';

/** The current and upcoming sub-processors, machine-readable for procurement tooling (fields in docs/portal.md). No database query per request. */
export const GET = handler({ access: 'public', db: false }, async (ctx, { request }) => {
  const [view, settings] = await Promise.all([publicSubprocessors(ctx.clock.now()), publicSettings()]);
  const body = JSON.stringify(subprocessorsJson(view, settings.vendorName, config().appUrl.origin), null, 2);
  return cacheableResponse(request, `${body}\n`, 'application/json; charset=utf-8');
});
