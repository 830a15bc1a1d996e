import { NextResponse } from 'next/server';
import { handler } from '@/lib/api/handler';
import { apiSession } from '@/lib/auth/request';
import { renderExecutedDpa } from '@/lib/dpa/document';
import { wantsHtml } from '@/lib/http/html-notice';
import { pdfResponse } from '@/lib/http/pdf-response';
import { refusal } from '@/lib/http/refusal';
import { jsonError } from '@/lib/http/respond';

const CUSTOMERS_ONLY = {
  status: 403,
  code: 'forbidden',
  title: 'Customer users only',
  message: 'The executed DPA is for customer users. Staff find the template at /documents/dpa.pdf.',
  link: { href: '/documents/dpa.pdf', label: 'Open the DPA template' },
};

const notExecuted = (tenantName: string, execution: string | undefined) => ({
  status: 404,
  code: 'not_found',
  title: 'No executed DPA',
  message: execution
    ? 'There is no such executed DPA for your organization.'
    : `${tenantName} has not executed the DPA yet. A customer admin can execute it from the console.`,
  link: { href: '/console/dpa', label: 'Go to the DPA page' },
});

/**
 * /console/dpa.pdf: the DPA executed for the signed-in customer's tenant (the latest, or
 * ?execution=<id> for an earlier one), with the live annexes. Signed out: to sign-in; staff: 403.
 */
export const GET = handler({ access: 'public', recordedRead: true }, async (ctx, { request }) => {
  const session = await apiSession(request);
  if (!session) {
    const signIn = new URL(`/sign-in?next=${encodeURIComponent('/console/dpa')}`, request.url);
    return wantsHtml(request) ? NextResponse.redirect(signIn, 303) : jsonError('unauthenticated', 'Sign in first.', 401);
  }
  if (session.actor.kind !== 'customer') return refusal(request, CUSTOMERS_ONLY);
  const execution = request.nextUrl.searchParams.get('execution') ?? undefined;
  const executed = await renderExecutedDpa(ctx.db, ctx.clock, session.actor, execution);
  if (!executed) return refusal(request, notExecuted(session.actor.tenantName, execution));
  return pdfResponse(executed.pdf.bytes, { filename: executed.filename, sha256: executed.pdf.sha256, cacheControl: 'private, no-store' });
});
