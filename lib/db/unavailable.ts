import { isConnectionLost } from './raw';
import { DATABASE_UNAVAILABLE_DIGEST } from './unavailable-digest';

/**
 * Marks a lost or refused connection with the digest above, so that a page's error boundary
 * can say the database is away (app/error.tsx), and passes every error on unchanged otherwise.
 */
export function noteDatabaseError(error: unknown): unknown {
  if (isConnectionLost(error) && error instanceof Error && !('digest' in error)) Object.assign(error, { digest: DATABASE_UNAVAILABLE_DIGEST });
  return error;
}
