import type { Actor } from '@/lib/auth/actor';
import type { StaffActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/http/errors';

/** The staff tools for sub-processors and subscribers: trust admins only (RLS checks again). */
export function assertTrustAdmin(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || actor.role !== 'trust_admin') {
    throw new AppError('forbidden', 'Only trust admins can manage sub-processors and their subscribers.', 403);
  }
}
