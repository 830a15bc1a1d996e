import type { NextRequest } from 'next/server';
import { GRANT_COOKIE, tokensFromCookie } from '@/lib/access/grant-cookie';
import { handler } from '@/lib/api/handler';
import { SLUG_PATTERN } from '@/lib/core/parse-input';
import { downloadDocument } from '@/lib/documents/download';
import { documentNotFound, downloadAnswer } from '@/lib/documents/download-answer';
import { startedElsewhere } from '@/lib/http/recorded-read';

/**
 * /documents/<slug>.pdf: a public document for anyone (cacheable, ETag = SHA-256; once read,
 * its current file is kept in memory); a gated one only with a grant cookie from a
 * sign-in link that covers it, else 403, and then as a copy stamped for that reader (never
 * stored by a cache; ETag = the stamped copy's SHA-256).
 */
export const GET = handler({ access: 'public' }, async (ctx, { request, params: { file } }: { request: NextRequest; params: { file: string } }) => {
  const slug = file.endsWith('.pdf') ? file.slice(0, -'.pdf'.length) : '';
  if (!SLUG_PATTERN.test(slug)) return documentNotFound(request);
  // A granted copy is recorded in the log: a request another site started is served as if it had
  // no grant (a public document still opens), and offered a link to open it from here.
  const grantTokens = tokensFromCookie(request.cookies.get(GRANT_COOKIE)?.value);
  const elsewhere = startedElsewhere(request);
  const result = await downloadDocument(ctx.db, ctx.clock, slug, {
    grantTokens: elsewhere ? [] : grantTokens,
    ifNoneMatch: request.headers.get('if-none-match'),
    cache: true,
  });
  return downloadAnswer(request, result, { elsewhere: elsewhere && grantTokens.length > 0 });
});
