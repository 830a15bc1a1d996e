import 'server-only';
import { NextResponse } from 'next/server';
import { htmlNotice, wantsHtml } from '@/lib/http/html-notice';
import { pdfResponse } from '@/lib/http/pdf-response';
import { refuseStartedElsewhere } from '@/lib/http/recorded-read';
import { refusal } from '@/lib/http/refusal';
import { jsonError } from '@/lib/http/respond';
import type { DownloadResult } from './download';

/** The answer to a request for a document that does not exist: a page for a browser, JSON for a program. */
export function documentNotFound(request: { headers: Headers }): Response {
  return wantsHtml(request)
    ? htmlNotice(404, 'Document not found', 'There is no document at this address. It may have been renamed or archived.')
    : jsonError('not_found', 'There is no such document.', 404);
}

/**
 * The answer to a document download (/documents/<slug>.pdf): the file, or why not, as a page
 * for a browser and JSON for a program. `elsewhere`: another site started the request of a
 * reader who holds a grant, so a gated copy is offered from here instead.
 */
export function downloadAnswer(request: { headers: Headers; url: string }, result: DownloadResult, { elsewhere }: { elsewhere: boolean }): Response {
  switch (result.kind) {
    case 'not_found':
      return documentNotFound(request);
    case 'forbidden': {
      if (elsewhere) return refuseStartedElsewhere(request);
      return refusal(request, {
        status: 403,
        code: 'access_required',
        title: 'This document needs approved access',
        message: `“${result.title}” is shared only with approved reviewers. Request access on the documents page; once approved, the link we e-mail you opens it in this browser.`,
        link: { href: '/documents#request-access', label: 'Request access' },
      });
    }
    case 'unavailable':
      // Every granted copy carries its reader's stamp; one that could not be stamped is not sent.
      return refusal(request, {
        status: 500,
        code: 'document_unavailable',
        title: 'This document could not be prepared',
        message: `We could not prepare your copy of “${result.title}” just now. Try again later; if it keeps happening, contact us and we will send it another way.`,
      });
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
}
