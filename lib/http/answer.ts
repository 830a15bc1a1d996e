import 'server-only';
import { NextResponse } from 'next/server';
import { redirectTo, redirectWithError } from './form-redirect';

/** Where a console form may send its reader back to: a console path, never another site. */
export function formBack(data: unknown, fallback: string): string {
  const back = data && typeof data === 'object' ? (data as { back?: unknown }).back : undefined;
  return typeof back === 'string' && /^\/(admin|console)(\/[a-z0-9._-]+)*$/.test(back) ? back : fallback;
}

/** What an action answers: JSON for a program, a redirect for a browser's form. */
export interface Answer {
  /** The JSON body for a program. */
  json?: unknown;
  status?: number;
  headers?: HeadersInit;
  /** Where a form post goes next; without it, back to its page with `?done=<done>`. */
  redirect?: string;
  done?: string;
  /** Changes the response either way (cookies). */
  finish?: (response: NextResponse) => void;
}

/**
 * The one way an action is answered (docs/adr/0003-forms-post-to-route-handlers.md): a
 * program gets JSON, a form post `303 See Other` to `redirect`, or back to its page with
 * `?done=<word>`.
 */
export function answer(form: boolean, back: string, outcome: Answer): NextResponse {
  const response = form
    ? redirectTo(outcome.redirect ?? `${back}?done=${outcome.done ?? '1'}`)
    : NextResponse.json(outcome.json ?? { ok: true }, { status: outcome.status ?? 200, headers: outcome.headers });
  outcome.finish?.(response);
  return response;
}

/**
 * The one way an action's failure is answered to a form post: back to its page with
 * `?error=<code>` for an expected failure; anything else is thrown on to route()'s mapping.
 */
export function answerError(back: string, error: unknown): NextResponse {
  return redirectWithError(back, error);
}
