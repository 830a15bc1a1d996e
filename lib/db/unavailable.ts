import { isConnectionLost } from './raw';
import { DATABASE_UNAVAILABLE_DIGEST } from './unavailable-digest';

/** What scripts/serve.mjs keeps for each request it hands to Next.js (an AsyncLocalStorage store). */
interface RequestState {
  databaseUnavailable: boolean;
}

const REQUEST_STATE = Symbol.for('trust-center.request-state');

/**
 * Marks a lost or refused connection, and passes every error on: the error gets the digest
 * above, and the request that met it is flagged so that the server answers a failed page with
 * 503 rather than 500 (scripts/serve.mjs). Other errors are returned unchanged.
 */
export function noteDatabaseError(error: unknown): unknown {
  if (!isConnectionLost(error)) return error;
  const storage = (globalThis as Record<symbol, { getStore(): RequestState | undefined } | undefined>)[REQUEST_STATE];
  const state = storage?.getStore();
  if (state) state.databaseUnavailable = true;
  if (error instanceof Error && !('digest' in error)) Object.assign(error, { digest: DATABASE_UNAVAILABLE_DIGEST });
  return error;
}
