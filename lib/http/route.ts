import 'server-only';
import type { NextRequest } from 'next/server';
import { systemClock } from '@/lib/core/clock';
import { config } from '@/lib/core/config';
import { getDatabase } from '@/lib/db';
import { isRefusal, noteRefusal, type RefusalScope, wasRecorded, withRefusalScope } from '@/lib/governance/refusal-scope';
import { recordRefusal, type RefusalDeps } from '@/lib/governance/refusals';
import { AppError } from '@/lib/core/errors';
import { pathPattern } from './path-pattern';
import { errorResponse } from './respond';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request that a browser sent from another site. Requests without
 * an Origin header (programs, curl) are not browser cross-site requests and pass.
 */
function assertSameOrigin(request: NextRequest) {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers.get('sec-fetch-site') === 'cross-site') throw crossSite();
  const origin = request.headers.get('origin');
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw crossSite();
  }
  const allowed = new Set([config().appUrl.host, request.headers.get('host') ?? '']);
  if (!allowed.has(host)) throw crossSite();
}

function crossSite() {
  return new AppError('cross_origin_request', 'This request came from another site and was refused.', 403);
}

/** Where refusals are recorded: the app's database and clock (tests bring their own). */
export type RefusalLog = () => Promise<RefusalDeps>;

const appRefusalLog: RefusalLog = async () => ({ db: await getDatabase(), clock: systemClock });

/**
 * Wraps a route handler: same-origin check for mutations, one place that maps errors, and the
 * governance log's record of every refusal: a 403 answer, or a form sent back with the code of
 * a 403 (lib/governance/refusals.ts).
 */
export function route<Context>(handler: (request: NextRequest, context: Context) => Promise<Response>) {
  return routeWith(appRefusalLog, handler);
}

/** route(), recording refusals in the given log. */
export function routeWith<Context>(log: RefusalLog, handler: (request: NextRequest, context: Context) => Promise<Response>) {
  return (request: NextRequest, context: Context): Promise<Response> =>
    withRefusalScope(async (scope) => {
      let response: Response;
      try {
        assertSameOrigin(request);
        response = await handler(request, context);
      } catch (error) {
        if (isRefusal(error) && wasRecorded(error)) scope.recorded = true;
        else noteRefusal(error);
        response = errorResponse(error);
      }
      // A refusal stands whether or not the log could take it (recordRefusal logs its failures).
      await recordIfRefused(log, request, context, scope, response).catch((error: unknown) => {
        console.error('[trust-center] a refusal could not be recorded in the governance log', error);
      });
      return response;
    });
}

async function recordIfRefused(log: RefusalLog, request: NextRequest, context: unknown, scope: RefusalScope, response: Response) {
  if (scope.recorded || (scope.code === null && response.status !== 403)) return;
  const code = scope.code ?? (await errorCodeOf(response)) ?? 'forbidden';
  const params = await ((context as { params?: Promise<Record<string, string | string[]>> } | undefined)?.params ?? {});
  const actor = scope.actor?.kind === 'staff' && scope.actingOnTenantId ? { ...scope.actor, actingOnTenantId: scope.actingOnTenantId } : scope.actor;
  await recordRefusal(await log(), actor, { method: request.method, path: pathPattern(request.nextUrl.pathname, params), code });
}

/** The `error.code` of a JSON error answer. */
async function errorCodeOf(response: Response): Promise<string | null> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return null;
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    return null;
  }
}

const MAX_BODY_BYTES = 64 * 1024;

function tooLarge() {
  return new AppError('payload_too_large', 'The request body is too large.', 413);
}

/**
 * The body's bytes, refusing more than `max` whether or not Content-Length says so. A browser
 * shows a reset connection instead of the answer when the server stops reading early, so up to
 * `drainUpTo` bytes are read to the end (and dropped) before the refusal.
 */
export async function readBytes(
  request: NextRequest,
  { max, drainUpTo = max, tooLarge: refuse = tooLarge }: { max: number; drainUpTo?: number; tooLarge?: () => Error },
): Promise<Buffer<ArrayBuffer>> {
  if (Number(request.headers.get('content-length') ?? 0) > drainUpTo) throw refuse();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > drainUpTo) {
      await reader.cancel();
      throw refuse();
    }
    if (size <= max) chunks.push(value);
  }
  if (size > max) throw refuse();
  return Buffer.concat(chunks);
}

/** The body as text, refusing more than `max` bytes whether or not Content-Length says so. */
export async function readText(request: NextRequest, max = MAX_BODY_BYTES): Promise<string> {
  return new TextDecoder().decode(await readBytes(request, { max }));
}

/** The request body as form fields or JSON, whichever was sent; oversized or broken bodies are refused. */
export async function readBody(request: NextRequest, max = MAX_BODY_BYTES): Promise<{ form: boolean; data: unknown }> {
  const type = request.headers.get('content-type') ?? '';
  const text = await readText(request, max);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { form: true, data: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { form: false, data: text ? JSON.parse(text) : {} };
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.', 400);
  }
}
