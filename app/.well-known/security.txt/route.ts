import { systemClock } from '@/lib/core/clock';
import { config } from '@/lib/core/config';
import { publicSettings } from '@/lib/portal/public-settings';
import { securityTxt } from '@/lib/portal/security-txt';

/** RFC 9116, from the portal settings; the Expires served is always valid and at most a year ahead. */
export async function GET() {
  const body = securityTxt(await publicSettings(), config().appUrl, systemClock.now());
  return new Response(body, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}
