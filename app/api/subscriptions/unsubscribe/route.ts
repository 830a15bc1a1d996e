import { handler } from '@/lib/api/handler';
import { answer } from '@/lib/http/answer';
import { limitForBrowser } from '@/lib/rate-limit/browser';
import { unsubscribe } from '@/lib/subscriptions/unsubscribe';

const PAGE = '/subscriptions/unsubscribe';

const isOneClick = (data: unknown) => (data as Record<string, unknown> | null)?.['List-Unsubscribe'] === 'One-Click';

/** A one-click unsubscribe is a program's request: its errors are answered as JSON, not as a redirect. */
function oneClickAsJson(error: unknown, { data }: { data: unknown }) {
  if (isOneClick(data)) throw error;
  return null;
}

/**
 * Ends a subscription: from the unsubscribe page's button (form), from a program (JSON
 * {"token"}), or as an RFC 8058 one-click unsubscribe (POST ?token=... with the body
 * List-Unsubscribe=One-Click, sent by the mail provider), which is answered as a program.
 */
export const POST = handler({ access: 'public', body: 'json-or-form', form: { back: PAGE, error: oneClickAsJson } }, async (ctx, { request, data, form }) => {
  const oneClick = isOneClick(data);
  // One-click unsubscribes arrive from a few mail providers' addresses, many at once after an
  // announcement: they are not limited per address (the token is 256 random bits).
  const limited = oneClick ? null : await limitForBrowser(request, 'tokenLink', { href: '/subprocessors', label: 'Back to the sub-processors' });
  if (limited) return limited;
  await unsubscribe(ctx.db, ctx.clock, (data as Record<string, unknown> | null)?.token ?? request.nextUrl.searchParams.get('token'));
  return answer(form && !oneClick, PAGE, { json: { status: 'unsubscribed' }, redirect: `${PAGE}?done=1` });
});
