import { handler } from '@/lib/api/handler';
import { type NextRequest, NextResponse } from 'next/server';
import { GRANT_COOKIE, tokensFromCookie } from '@/lib/access/grant-cookie';
import { downloadDocument } from '@/lib/documents/download';
import { htmlNotice } from '@/lib/http/html-notice';
import { SLUG_PATTERN } from '@/lib/core/parse-input';
import { wantsHtml } from '@/lib/http/html-notice';
import { pdfResponse } from '@/lib/http/pdf-response';
import { jsonError } from '@/lib/http/respond';
import { refuseStartedElsewhere, startedElsewhere } from '@/lib/http/recorded-read';

/**
 * /documents/<slug>.pdf: a public document for anyone (cacheable, ETag = SHA-256; once read,
 * the server's fast path serves it from memory); a gated one only with a grant cookie from a
 * sign-in link that covers it, else 403, and then as a copy stamped for that reader (never
 * stored by a cache; ETag = the stamped copy's SHA-256).
 */
export const GET = handler({ access: 'public' }, async (ctx, { request, params: { file } }: { request: NextRequest; params: { file: string } }) => {
  const slug = file.endsWith('.pdf') ? file.slice(0, -'.pdf'.length) : '';
  const html = wantsHtml(request);
  const notFound = () =>
    html ? htmlNotice(404, 'Document not found', 'There is no document at this address. It may have been renamed or archived.') : jsonError('not_found', 'There is no such document.', 404);
  if (!SLUG_PATTERN.test(slug)) return notFound();

  // A granted copy is recorded in the log: a request another site started is served as if it had
  // no grant (a public document still opens), and offered a link to open it from here.
  const grantTokens = tokensFromCookie(request.cookies.get(GRANT_COOKIE)?.value);
  const elsewhere = startedElsewhere(request);
  const result = await downloadDocument(ctx.db, ctx.clock, slug, {
    grantTokens: elsewhere ? [] : grantTokens,
    ifNoneMatch: request.headers.get('if-none-match'),
    cache: true,
  });
  switch (result.kind) {
    case 'not_found':
      return notFound();
    case 'forbidden': {
      if (elsewhere && grantTokens.length > 0) return refuseStartedElsewhere(request);
      const message = `“${result.title}” is shared only with approved reviewers. Request access on the documents page; once approved, the link we e-mail you opens it in this browser.`;
      return html ? htmlNotice(403, 'This document needs approved access', message, { link: { href: '/documents#request-access', label: 'Request access' } }) : jsonError('access_required', message, 403);
    }
    case 'unavailable': {
      // Every granted copy carries its reader's stamp; one that could not be stamped is not sent.
      const message = `We could not prepare your copy of “${result.title}” just now. Try again later; if it keeps happening, contact us and we will send it another way.`;
      return html ? htmlNotice(500, 'This document could not be prepared', message) : jsonError('document_unavailable', message, 500);
    }
    case 'not_modified':
      return new NextResponse(null, { status: 304, headers: { ETag: `"${result.sha256}"`, 'Cache-Control': 'public, max-age=300' } });
    case 'file':
      return pdfResponse(result.content, {
        filename: result.filename,
        sha256: result.sha256,
        // A granted copy is for this reviewer only: no shared cache may keep it.
        cacheControl: result.gated ? 'private, no-store' : 'public, max-age=300',
      });
  }
});
