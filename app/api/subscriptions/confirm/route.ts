import { NextResponse } from 'next/server';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { confirmSubscription } from '@/lib/subscriptions/confirm';
import { limitForBrowser } from '@/lib/rate-limit/browser';

const PAGE = '/subscriptions/confirm';

/** Confirms a subscription from the mailed link's page (a POST, so that mail scanners opening links confirm nothing). */
export const POST = route(async (request) => {
  const limited = await limitForBrowser(request, 'tokenLink', { href: '/subprocessors', label: 'Back to the sub-processors' });
  if (limited) return limited;
  const { form, data } = await readBody(request);
  const token = (data as { token?: unknown } | null)?.token;
  try {
    const status = await confirmSubscription(await getDatabase(), systemClock, token);
    return form ? redirectTo(`${PAGE}?done=${status}`) : NextResponse.json({ status });
  } catch (error) {
    if (form) return redirectWithError(PAGE, error);
    throw error;
  }
});
