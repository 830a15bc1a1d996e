import type { Actor, StaffActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/http/errors';

/**
 * The first line of every staff write and staff read of the portal's documents and access
 * requests. RLS checks the same in the database (app_is_trust_admin()); this gives a clear 403.
 */
export function assertTrustAdmin(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || actor.role !== 'trust_admin') {
    throw new AppError('forbidden', 'Only trust admins can do this.', 403);
  }
}
