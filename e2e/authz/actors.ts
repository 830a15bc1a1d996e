// The kinds of actor the authorization matrix asks as (docs/security-testing.md), and what each one is.

export const ACTORS = [
  'signedOut',
  'reviewer',
  'reviewerGranted',
  'acmeMember',
  'acmeAdmin',
  'globexMember',
  'globexAdmin',
  'support',
  'supportGranted',
  'breakGlass',
  'trustAdmin',
] as const;
export type ActorId = (typeof ACTORS)[number];

export type Tenant = 'acme' | 'globex';

export interface ActorInfo {
  label: string;
  /** Signed in (a session cookie) as this kind of account, or not at all. */
  kind: 'visitor' | 'customer' | 'staff';
  tenant?: Tenant;
  role?: 'customer_member' | 'customer_admin' | 'support' | 'break_glass' | 'trust_admin';
}

export const ACTOR_INFO: Record<ActorId, ActorInfo> = {
  signedOut: { label: 'signed out', kind: 'visitor' },
  reviewer: { label: 'reviewer who asked for a gated document (no grant yet)', kind: 'visitor' },
  reviewerGranted: { label: 'reviewer holding a document grant (link followed, grant cookie)', kind: 'visitor' },
  acmeMember: { label: 'customer_member of acme (dan)', kind: 'customer', tenant: 'acme', role: 'customer_member' },
  acmeAdmin: { label: 'customer_admin of acme (carol)', kind: 'customer', tenant: 'acme', role: 'customer_admin' },
  globexMember: { label: 'customer_member of globex (provisioned by globex’s directory)', kind: 'customer', tenant: 'globex', role: 'customer_member' },
  globexAdmin: { label: 'customer_admin of globex (erin)', kind: 'customer', tenant: 'globex', role: 'customer_admin' },
  support: { label: 'support without a lockbox grant (bob, before carol approves)', kind: 'staff', role: 'support' },
  supportGranted: { label: 'support with an active read-write lockbox grant on acme (bob)', kind: 'staff', role: 'support' },
  breakGlass: { label: 'break_glass holder without an open session (grace)', kind: 'staff', role: 'break_glass' },
  trustAdmin: { label: 'trust_admin (alice)', kind: 'staff', role: 'trust_admin' },
};

/**
 * The tenant whose confidential records a staff actor may read while the matrix runs: bob's
 * approved lockbox grant. Nobody else on the staff has a grant or an open break-glass session.
 */
export const STAFF_DATA_ACCESS: Partial<Record<ActorId, Tenant[]>> = { supportGranted: ['acme'] };
