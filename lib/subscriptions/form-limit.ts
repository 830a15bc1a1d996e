import 'server-only';
import type { NextRequest } from 'next/server';
import { RateLimitedError } from '@/lib/rate-limit/limit';
import { limitPublicForm, type PUBLIC_FORM_LIMITS } from '@/lib/rate-limit/request';

const isForm = (request: NextRequest) => (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * The public form limit, with a page a person can read when an HTML form goes past it (still
 * a 429 with Retry-After); programs get the JSON error from route().
 */
export async function limitForm(request: NextRequest, form: keyof typeof PUBLIC_FORM_LIMITS, back: string): Promise<Response | null> {
  try {
    await limitPublicForm(request, form);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimitedError) || !isForm(request)) throw error;
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many requests</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; color: #0f172a">
<h1>Too many requests</h1><p>This form was sent too often from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.</p>
<p><a href="${back}" style="color: #2448b0">Go back</a></p></body></html>`;
    return new Response(html, {
      status: 429,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': String(error.retryAfterSeconds) },
    });
  }
}
