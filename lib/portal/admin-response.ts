import 'server-only';
import { NextResponse } from 'next/server';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { refreshPublic, type PortalTag } from './cache';

interface Outcome {
  /** Where a form post goes next. */
  redirect: string;
  /** What a JSON caller gets. */
  json: unknown;
  status?: number;
  /** Public content the change touched: refreshed once it has committed. */
  refresh: PortalTag[];
}

/**
 * The end of a staff-tool request: the portal's public pages are refreshed after the change
 * committed, then a form post is redirected (back to `back` with `?error=<code>` when it
 * failed) and a JSON request gets JSON (failures are left to route()'s error mapping).
 */
export async function respond(form: boolean, back: string, run: () => Promise<Outcome>): Promise<NextResponse> {
  try {
    const outcome = await run();
    refreshPublic(...outcome.refresh);
    return form ? redirectTo(outcome.redirect) : NextResponse.json(outcome.json, { status: outcome.status ?? 200 });
  } catch (error) {
    if (form) return redirectWithError(back, error);
    throw error;
  }
}
