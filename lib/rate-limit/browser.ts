import 'server-only';
import type { NextRequest } from 'next/server';
import { RateLimitedError } from '@/lib/core/errors';
import { limitPublicForm, type PUBLIC_FORM_LIMITS } from './request';
import { htmlNotice } from '@/lib/http/html-notice';
import { wantsHtml } from '@/lib/http/html-notice';

/**
 * limitPublicForm for requests a browser makes by itself (a form post, a link from a mail):
 * past the limit a browser gets a readable 429 page, a program the usual JSON 429. Both carry
 * Retry-After. Returns the refusal to send, or null to go on.
 */
/** An HTML form's post (programs send JSON): its answer is a page, whatever Accept says. */
function isFormPost(request: NextRequest) {
  const type = request.headers.get('content-type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

export async function limitForBrowser(
  request: NextRequest,
  form: keyof typeof PUBLIC_FORM_LIMITS,
  back?: { href: string; label: string },
): Promise<Response | null> {
  try {
    await limitPublicForm(request, form);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimitedError) || !(wantsHtml(request) || isFormPost(request))) throw error;
    return htmlNotice(429, 'Too many requests', error.message, {
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
      ...(back ? { link: back } : {}),
    });
  }
}
