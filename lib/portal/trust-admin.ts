import 'server-only';
import type { Actor, StaffActor } from '@/lib/auth/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { AppError } from '@/lib/http/errors';

const REFUSED = 'Only trust admins can change the trust portal.';

/**
 * The first line of every staff tool: only a trust admin may go on. The database checks
 * again (app_is_trust_admin() reads the role it holds now), see refusedByDatabase.
 */
export function assertTrustAdmin(actor: Actor): StaffActor {
  if (actor.kind !== 'staff' || actor.role !== 'trust_admin') throw new AppError('forbidden', REFUSED, 403);
  return actor;
}

/**
 * The database refused a write the application allowed: the account lost its role or was
 * suspended since the session began. Answered as the 403 it is, not as a fault.
 */
export function refusedByDatabase(): AppError {
  return new AppError('forbidden', 'Your account may no longer change the trust portal.', 403);
}

/** Rethrows a row-level security refusal (SQLSTATE 42501) as refusedByDatabase(). */
export function rethrowRefusal(error: unknown): never {
  if (pgErrorCode(error) === '42501') throw refusedByDatabase();
  throw error;
}
