import 'server-only';
import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';
import { redirectTo, redirectWithError } from './form-redirect';
import { readBody } from './route';

/** Where a console form may send its reader back to: a console path, never another site. */
export function formBack(data: unknown, fallback: string): string {
  const back = data && typeof data === 'object' ? (data as { back?: unknown }).back : undefined;
  return typeof back === 'string' && /^\/(admin|console)(\/[a-z0-9._-]+)*$/.test(back) ? back : fallback;
}

/**
 * One action reached both as JSON (answered with `json` and `status`) and from a plain HTML
 * form (sent back to its page with `?done=<word>`, or `?error=<code>` for an expected failure).
 */
export async function jsonOrForm<T>(
  request: NextRequest,
  fallbackBack: string | ((data: unknown) => string),
  action: (data: unknown) => Promise<T>,
  answer: {
    json: (result: T) => unknown;
    status?: number;
    done: string;
    /** Runs once the action committed, e.g. sending the mail it queued. */
    after?: () => void;
  },
): Promise<Response> {
  const { form, data } = await readBody(request);
  const back = formBack(data, typeof fallbackBack === 'string' ? fallbackBack : fallbackBack(data));
  try {
    const result = await action(data);
    answer.after?.();
    if (!form) return NextResponse.json(answer.json(result), { status: answer.status ?? 200 });
    return redirectTo(`${back}?done=${answer.done}`);
  } catch (error) {
    if (form) return redirectWithError(back, error);
    throw error;
  }
}
