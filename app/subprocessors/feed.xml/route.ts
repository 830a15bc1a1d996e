import { handler } from '@/lib/api/handler';
import { config } from '@/lib/core/config';
import { publicSettings } from '@/lib/portal/public-settings';
import { subprocessorsFeed } from '@/lib/subprocessors/feed';
import { cacheableResponse } from '@/lib/subprocessors/http-cache';
import { feedUpdates, publicTimeline } from '@/lib/subprocessors/public';

/** Atom: every announced sub-processor change, and the trust center's news. */
export const GET = handler({ access: 'public', db: false }, async (ctx, { request }) => {
  const [timeline, updates, settings] = await Promise.all([publicTimeline(), feedUpdates(), publicSettings()]);
  const xml = subprocessorsFeed({ vendor: settings.vendorName, baseUrl: config().appUrl.origin, timeline, updates, now: ctx.clock.now() });
  return cacheableResponse(request, xml, 'application/atom+xml; charset=utf-8');
});
