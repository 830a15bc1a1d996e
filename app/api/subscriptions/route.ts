import { z } from 'zod';
import { handler } from '@/lib/api/handler';
import { AppError } from '@/lib/core/errors';
import { redirectTo } from '@/lib/http/form-redirect';
import { sendQueuedMail } from '@/lib/mail/sender';
import { limitForBrowser } from '@/lib/rate-limit/browser';
import { linkKeys } from '@/lib/subscriptions/link-keys';
import { SUBSCRIBE_ANSWER } from '@/lib/subscriptions/policy';
import { subscribe, subscribeInput } from '@/lib/subscriptions/subscribe';

const PAGE = '/subprocessors';

/** A refused subscription goes back to the form beside the list, not to a page of its own. */
function backToForm(error: unknown): Response {
  const code = error instanceof z.ZodError ? 'invalid_email' : error instanceof AppError ? error.code : null;
  if (!code) throw error;
  return redirectTo(`${PAGE}?subscribe_error=${code}#subscribe`);
}

/** Subscribe to sub-processor changes (double opt-in). HTML form or JSON {"email"}. */
export const POST = handler(
  {
    access: 'public',
    limit: (request) => limitForBrowser(request, 'subscribe', { href: PAGE, label: 'Back to the sub-processors' }),
    body: 'json-or-form',
    form: { back: PAGE, error: backToForm },
  },
  async (ctx, { data }) => {
    await subscribe(ctx.db, ctx.clock, linkKeys(), subscribeInput.parse(data));
    sendQueuedMail();
    return { json: { ok: true, message: SUBSCRIBE_ANSWER }, status: 202, redirect: `${PAGE}?subscribed=1#subscribe` };
  },
);
