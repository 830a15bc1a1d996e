import 'server-only';
import type { Actor, StaffActor } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { AppError } from '@/lib/core/errors';

/**
 * The first line of every staff tool of the portal: only a trust admin may go on. The database
 * checks again (app_is_trust_admin() reads the role it holds now), see rethrowRefusal.
 */
export function assertTrustAdmin(actor: Actor, message = 'Only trust admins can do this.'): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || actor.role !== 'trust_admin') throw new AppError('forbidden', message, 403);
}

/** assertTrustAdmin, as a value. */
export function asTrustAdmin(actor: Actor, message?: string): StaffActor {
  assertTrustAdmin(actor, message);
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
