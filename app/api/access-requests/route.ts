import { fromForm, submitAccessRequest } from '@/lib/access/submit';
import { trustAdminEmails } from '@/lib/access/trust-admins';
import { handler } from '@/lib/api/handler';
import { sendQueuedMail } from '@/lib/mail/sender';
import { limitForBrowser } from '@/lib/rate-limit/browser';
import { clientAddress } from '@/lib/rate-limit/request';

/**
 * A reviewer asks for gated documents (the form on /documents, or JSON):
 * {"name","email","company","reason","documents":[slug],"ndaVersionId","ndaSha256","typedName","acceptNda":true}.
 * Answers 201 {"request":{"id","status":"received"}} whatever the rules decided: the outcome goes
 * only to the address given, so this answer never tells anyone which companies are customers.
 */
export const POST = handler(
  { access: 'public', limit: (request) => limitForBrowser(request, 'accessRequest'), body: 'json-or-form', form: { back: '/documents' } },
  async (ctx, { request, data, form }) => {
    try {
      const result = await submitAccessRequest(ctx.db, ctx.clock, form ? fromForm(data as Record<string, unknown>) : data, {
        ip: clientAddress(request),
        userAgent: request.headers.get('user-agent')?.slice(0, 1000) || null,
        notify: await trustAdminEmails(ctx.db),
      });
      return { json: { request: { id: result.id, status: 'received' } }, status: 201, redirect: '/documents?request=received#request-result' };
    } finally {
      sendQueuedMail();
    }
  },
);
