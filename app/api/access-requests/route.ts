import { NextResponse } from 'next/server';
import { submitAccessRequest, fromForm } from '@/lib/access/submit';
import { trustAdminEmails } from '@/lib/access/trust-admins';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';
import { limitForBrowser } from '@/lib/rate-limit/browser';
import { clientAddress } from '@/lib/rate-limit/request';

/**
 * A reviewer asks for gated documents (the form on /documents, or JSON):
 * {"name","email","company","reason","documents":[slug],"ndaVersionId","ndaSha256","typedName","acceptNda":true}.
 * Answers 201 {"request":{"id","status":"received"}} whatever the rules decided: the outcome goes
 * only to the address given, so this answer never tells anyone which companies are customers.
 */
export const POST = route(async (request) => {
  const limited = await limitForBrowser(request, 'accessRequest');
  if (limited) return limited;
  const { form, data } = await readBody(request);
  const db = await getDatabase();
  try {
    const result = await submitAccessRequest(db, systemClock, form ? fromForm(data as Record<string, unknown>) : data, {
      ip: clientAddress(request),
      userAgent: request.headers.get('user-agent')?.slice(0, 1000) || null,
      notify: await trustAdminEmails(db),
    });
    return form
      ? redirectTo('/documents?request=received#request-result')
      : NextResponse.json({ request: { id: result.id, status: 'received' } }, { status: 201 });
  } catch (error) {
    if (form) return redirectWithError('/documents', error);
    throw error;
  } finally {
    sendQueuedMail();
  }
});
