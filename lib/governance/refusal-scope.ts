import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '@/lib/core/actor';
import { AppError } from '@/lib/core/errors';

/**
 * What one request has learnt that its refusal, if any, is recorded with: who asked (the
 * session's actor), the tenant a staff member was acting on, and the code of a 403 that was
 * answered as a form redirect (where the status no longer says so). route() opens the scope
 * and records the refusal once the handler is done (lib/governance/refusals.ts).
 */
export interface RefusalScope {
  actor: Actor | null;
  actingOnTenantId: string | null;
  /** The code of a 403 the handler caught and answered some other way (a form redirect). */
  code: string | null;
  /** The refusal was recorded already, as what it more precisely is (a failed sign-in). */
  recorded: boolean;
}

const storage = new AsyncLocalStorage<RefusalScope>();
const recordedErrors = new WeakSet<object>();

export function withRefusalScope<T>(fn: (scope: RefusalScope) => Promise<T>): Promise<T> {
  const scope: RefusalScope = { actor: null, actingOnTenantId: null, code: null, recorded: false };
  return storage.run(scope, () => fn(scope));
}

/** The signed-in actor of the current request. */
export function noteActor(actor: Actor) {
  const scope = storage.getStore();
  if (scope) scope.actor = actor;
}

/** The tenant a staff member of the current request is acting on. */
export function noteActingOn(tenantId: string) {
  const scope = storage.getStore();
  if (scope) scope.actingOnTenantId = tenantId;
}

/** An error a handler answered itself: a 403 among them is the request's refusal. */
export function noteRefusal(error: unknown) {
  const scope = storage.getStore();
  if (scope && isRefusal(error) && !recordedErrors.has(error)) scope.code = error.code;
}

/** This error's refusal is in the log already (as a failed sign-in): route() adds no auth.refused. */
export function markRecorded(error: unknown) {
  if (error && typeof error === 'object') recordedErrors.add(error);
  const scope = storage.getStore();
  if (scope && isRefusal(error)) scope.recorded = true;
}

export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && error.status === 403;
}

export function wasRecorded(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && recordedErrors.has(error));
}
