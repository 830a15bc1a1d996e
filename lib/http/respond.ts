import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { pgErrorCode } from '@/lib/db/raw';
import { AppError } from './errors';

export function jsonError(code: string, message: string, status: number, headers?: HeadersInit) {
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', 'CONNECTION_DESTROYED']);

/** True when the database cannot be reached, as opposed to refusing a statement. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const sqlState = pgErrorCode(error);
  if (sqlState && (sqlState.startsWith('08') || sqlState === '57P01' || sqlState === '57P03')) return true;
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return true;
  }
  return false;
}

/**
 * Maps any thrown value to a response: expected failures keep their code and message, invalid
 * input lists what is wrong, an unreachable database is a 503, and anything else is logged
 * with a request id and answered without internal detail.
 */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) return jsonError(error.code, error.message, error.status);
  if (error instanceof ZodError) {
    const detail = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    return jsonError('invalid_request', `The request is not valid: ${detail}`, 400);
  }
  if (isDatabaseUnavailable(error)) {
    return jsonError('database_unavailable', 'The service cannot reach its database right now. Try again shortly.', 503, {
      'Retry-After': '5',
    });
  }
  const requestId = randomUUID();
  console.error(`[${requestId}] unhandled error`, error);
  return jsonError('internal_error', `Something went wrong on our side. Reference: ${requestId}`, 500);
}
