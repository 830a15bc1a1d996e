import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { noteRefusal } from '@/lib/governance/refusal-scope';
import { AppError } from '@/lib/core/errors';

/**
 * For plain HTML forms: an expected failure goes back to the page with its error code, so
 * the page can say what went wrong; anything else is left to the route's error mapping.
 */
export function redirectWithError(back: string, error: unknown): NextResponse {
  noteRefusal(error);
  const code = error instanceof AppError ? error.code : error instanceof z.ZodError ? 'invalid_request' : null;
  if (!code) throw error;
  return new NextResponse(null, { status: 303, headers: { Location: `${back}?error=${code}` } });
}

export function redirectTo(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: location } });
}
