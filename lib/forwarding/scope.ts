import type { Actor, CustomerActor, StaffActor } from '@/lib/core/actor';
import { AppError } from '@/lib/core/errors';

export type ForwardingManager = CustomerActor | StaffActor;

/**
 * The chain whose forwarding the actor manages: a customer admin their tenant's, a trust admin
 * the vendor chain (null). Anyone else is refused.
 */
export function managedChain(actor: Actor): { manager: ForwardingManager; tenantId: string | null } {
  if (actor.kind === 'customer' && actor.role === 'customer_admin') return { manager: actor, tenantId: actor.tenantId };
  if (actor.kind === 'staff' && actor.role === 'trust_admin') return { manager: actor, tenantId: null };
  if (actor.kind === 'customer') throw new AppError('forbidden', 'Only your organization’s customer admins manage forwarding to a SIEM.', 403);
  throw new AppError('forbidden', 'Only trust admins manage forwarding of the vendor’s governance log.', 403);
}
