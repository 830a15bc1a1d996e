import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError } from '@/lib/core/errors';

/** A sign-in form that failed goes back to the sign-in page with its code; anything else is thrown on. */
export function backToSignIn(error: unknown): NextResponse {
  const code = error instanceof AppError ? error.code : error instanceof z.ZodError ? 'invalid_request' : null;
  if (!code) throw error;
  return new NextResponse(null, { status: 303, headers: { Location: `/sign-in?error=${code}` } });
}
