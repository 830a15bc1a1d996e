import { NextResponse } from 'next/server';
import { z } from 'zod';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { AppError } from '@/lib/core/errors';
import { redirectTo } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';
import { limitForBrowser } from '@/lib/rate-limit/browser';
import { linkKeys } from '@/lib/subscriptions/link-keys';
import { SUBSCRIBE_ANSWER } from '@/lib/subscriptions/policy';
import { subscribe, subscribeInput } from '@/lib/subscriptions/subscribe';

const PAGE = '/subprocessors';

/** Subscribe to sub-processor changes (double opt-in). HTML form or JSON {"email"}. */
export const POST = route(async (request) => {
  const limited = await limitForBrowser(request, 'subscribe', { href: '/subprocessors', label: 'Back to the sub-processors' });
  if (limited) return limited;
  const { form, data } = await readBody(request);
  try {
    await subscribe(await getDatabase(), systemClock, linkKeys(), subscribeInput.parse(data));
  } catch (error) {
    if (!form) throw error;
    const code = error instanceof z.ZodError ? 'invalid_email' : error instanceof AppError ? error.code : null;
    if (!code) throw error;
    return redirectTo(`${PAGE}?subscribe_error=${code}#subscribe`);
  }
  sendQueuedMail();
  return form ? redirectTo(`${PAGE}?subscribed=1#subscribe`) : NextResponse.json({ ok: true, message: SUBSCRIBE_ANSWER }, { status: 202 });
});
