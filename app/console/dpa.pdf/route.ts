import { handler } from '@/lib/api/handler';
import { NextResponse } from 'next/server';
import { apiSession } from '@/lib/auth/request';
import { renderExecutedDpa } from '@/lib/dpa/document';
import { htmlNotice, wantsHtml } from '@/lib/http/html-notice';
import { pdfResponse } from '@/lib/http/pdf-response';
import { jsonError } from '@/lib/http/respond';

/**
 * /console/dpa.pdf: the DPA executed for the signed-in customer's tenant (the latest, or
 * ?execution=<id> for an earlier one), with the live annexes. Signed out: to sign-in; staff: 403.
 */
export const GET = handler({ access: 'public', recordedRead: true }, async (ctx, { request }) => {
  const html = wantsHtml(request);
  const session = await apiSession(request);
  const signIn = () => NextResponse.redirect(new URL(`/sign-in?next=${encodeURIComponent('/console/dpa')}`, request.url), 303);
  if (!session) return html ? signIn() : jsonError('unauthenticated', 'Sign in first.', 401);
  if (session.actor.kind !== 'customer') {
    const message = 'The executed DPA is for customer users. Staff find the template at /documents/dpa.pdf.';
    return html
      ? htmlNotice(403, 'Customer users only', message, { link: { href: '/documents/dpa.pdf', label: 'Open the DPA template' } })
      : jsonError('forbidden', message, 403);
  }
  const execution = request.nextUrl.searchParams.get('execution') ?? undefined;
  const executed = await renderExecutedDpa(ctx.db, ctx.clock, session.actor, execution);
  if (!executed) {
    const message = execution
      ? 'There is no such executed DPA for your organization.'
      : `${session.actor.tenantName} has not executed the DPA yet. A customer admin can execute it from the console.`;
    return html
      ? htmlNotice(404, 'No executed DPA', message, { link: { href: '/console/dpa', label: 'Go to the DPA page' } })
      : jsonError('not_found', message, 404);
  }
  return pdfResponse(executed.pdf.bytes, { filename: executed.filename, sha256: executed.pdf.sha256, cacheControl: 'private, no-store' });
});
