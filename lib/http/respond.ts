import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { isConnectionLost } from '@/lib/db/raw';
import { RateLimitedError } from '@/lib/core/errors';
import { AppError } from '@/lib/core/errors';

export function jsonError(code: string, message: string, status: number, headers?: HeadersInit) {
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

/**
 * Maps any thrown value to a response: expected failures keep their code and message, invalid
 * input lists what is wrong, an unreachable database is a 503, and anything else is logged
 * with a request id and answered without internal detail.
 */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof RateLimitedError) {
    return jsonError(error.code, error.message, 429, { 'Retry-After': String(error.retryAfterSeconds) });
  }
  if (error instanceof AppError) return jsonError(error.code, error.message, error.status);
  if (error instanceof ZodError) {
    const detail = error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    return jsonError('invalid_request', `The request is not valid: ${detail}`, 400);
  }
  if (isConnectionLost(error)) {
    return jsonError('database_unavailable', 'The service cannot reach its database right now. Try again shortly.', 503, {
      'Retry-After': '5',
    });
  }
  const requestId = randomUUID();
  console.error(`[${requestId}] unhandled error`, describeForLog(error));
  return jsonError('internal_error', `Something went wrong on our side. Reference: ${requestId}`, 500);
}

/**
 * The stack and the causes' messages, without what quotes people's input: PostgreSQL's
 * "detail" (the failing row) and drizzle's query parameters.
 */
function describeForLog(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error; e; e = e instanceof Error ? e.cause : undefined) {
    if (!(e instanceof Error)) {
      lines.push(String(e));
      break;
    }
    const code = (e as { code?: unknown }).code;
    lines.push(`${lines.length ? 'caused by: ' : ''}${e.stack ?? `${e.name}: ${e.message}`}${typeof code === 'string' ? ` [${code}]` : ''}`);
  }
  // drizzle puts a failed query's parameters in its message: they are people's input too.
  return lines.join('\n').replace(/^params: .*$/gm, 'params: [withheld]');
}
