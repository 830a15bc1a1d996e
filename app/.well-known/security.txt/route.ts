import { handler } from '@/lib/api/handler';
import { config } from '@/lib/core/config';
import { publicSettings } from '@/lib/portal/public-settings';
import { securityTxt } from '@/lib/portal/security-txt';

/** RFC 9116, from the portal settings; the Expires served is always valid and at most a year ahead. */
export const GET = handler({ access: 'public', db: false }, async (ctx) => {
  const body = securityTxt(await publicSettings(), config().appUrl, ctx.clock.now());
  return new Response(body, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
});
