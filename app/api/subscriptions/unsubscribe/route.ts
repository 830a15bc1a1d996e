import { NextResponse } from 'next/server';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { limitForBrowser } from '@/lib/rate-limit/browser';
import { unsubscribe } from '@/lib/subscriptions/unsubscribe';

const PAGE = '/subscriptions/unsubscribe';

/**
 * Ends a subscription: from the unsubscribe page's button (form), from a program (JSON
 * {"token"}), or as an RFC 8058 one-click unsubscribe (POST ?token=... with the body
 * List-Unsubscribe=One-Click, sent by the mail provider).
 */
export const POST = route(async (request) => {
  const { form, data } = await readBody(request);
  const body = (data ?? {}) as Record<string, unknown>;
  const oneClick = body['List-Unsubscribe'] === 'One-Click';
  // One-click unsubscribes arrive from a few mail providers' addresses, many at once after an
  // announcement: they are not limited per address (the token is 256 random bits).
  if (!oneClick) {
    const limited = await limitForBrowser(request, 'tokenLink', { href: '/subprocessors', label: 'Back to the sub-processors' });
    if (limited) return limited;
  }
  const token = body.token ?? request.nextUrl.searchParams.get('token');
  try {
    await unsubscribe(await getDatabase(), systemClock, token);
    return form && !oneClick ? redirectTo(`${PAGE}?done=1`) : NextResponse.json({ status: 'unsubscribed' });
  } catch (error) {
    if (form && !oneClick) return redirectWithError(PAGE, error);
    throw error;
  }
});
