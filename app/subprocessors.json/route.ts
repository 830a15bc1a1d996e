import { systemClock } from '@/lib/core/clock';
import { config } from '@/lib/core/config';
import { route } from '@/lib/http/route';
import { publicSettings } from '@/lib/portal/public-settings';
import { cacheableResponse } from '@/lib/subprocessors/http-cache';
import { subprocessorsJson } from '@/lib/subprocessors/json';
import { publicSubprocessors } from '@/lib/subprocessors/public';

/** The current and upcoming sub-processors, machine-readable for procurement tooling (fields in docs/portal.md). No database query per request. */
export const GET = route(async (request) => {
  const [view, settings] = await Promise.all([publicSubprocessors(systemClock.now()), publicSettings()]);
  const body = JSON.stringify(subprocessorsJson(view, settings.vendorName, config().appUrl.origin), null, 2);
  return cacheableResponse(request, `${body}\n`, 'application/json; charset=utf-8');
});
