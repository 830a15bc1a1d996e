import type { SQL } from 'drizzle-orm';
import type { Tx } from './types';

/** Rows of a raw SQL statement, whichever driver runs it (postgres.js answers an array, PGlite an object). */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result: unknown = await tx.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The SQLSTATE of a database error, looking through drizzle's wrapper. */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', 'CONNECTION_DESTROYED']);

/** True when the database cannot be reached or the connection dropped, as opposed to a refused statement. */
export function isConnectionLost(error: unknown): boolean {
  const sqlState = pgErrorCode(error);
  if (sqlState && (sqlState.startsWith('08') || sqlState === '57P01' || sqlState === '57P03')) return true;
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return true;
  }
  return false;
}
