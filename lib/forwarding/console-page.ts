import type { CustomerActor, StaffActor } from '@/lib/core/actor';

/** The forwarding page of the caller's console. */
export const forwardingPage = ({ actor }: { actor: CustomerActor | StaffActor }) =>
  actor.kind === 'staff' ? '/admin/governance/forwarding' : '/console/governance/forwarding';
