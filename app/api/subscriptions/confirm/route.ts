import { handler } from '@/lib/api/handler';
import { limitForBrowser } from '@/lib/rate-limit/browser';
import { confirmSubscription } from '@/lib/subscriptions/confirm';

const PAGE = '/subscriptions/confirm';

/** Confirms a subscription from the mailed link's page (a POST, so that mail scanners opening links confirm nothing). */
export const POST = handler(
  {
    access: 'public',
    limit: (request) => limitForBrowser(request, 'tokenLink', { href: '/subprocessors', label: 'Back to the sub-processors' }),
    body: 'json-or-form',
    form: { back: PAGE },
  },
  async (ctx, { data }) => {
    const status = await confirmSubscription(ctx.db, ctx.clock, (data as { token?: unknown } | null)?.token);
    return { json: { status }, redirect: `${PAGE}?done=${status}` };
  },
);
