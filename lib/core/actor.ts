import type { CustomerRole, StaffRole } from './roles';

/** What every transaction tells the database about who is acting. */
export const ACTOR_KINDS = ['customer', 'staff', 'anonymous', 'auth', 'directory', 'vendor_directory', 'system', 'governance', 'service'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface DbContext {
  tenantId: string | null;
  actorId: string | null;
  actorKind: ActorKind;
  /** The application clock's time, when access depends on it (see app_now() in 0011_lockbox). */
  now?: Date;
}

export interface CustomerActor {
  kind: 'customer';
  userId: string;
  email: string;
  name: string;
  role: CustomerRole;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
}

export interface StaffActor {
  kind: 'staff';
  userId: string;
  email: string;
  name: string;
  role: StaffRole;
  /** The tenant a staff member is acting on, when the action concerns one. */
  actingOnTenantId?: string;
}

export interface AnonymousActor {
  kind: 'anonymous';
}

/** Sign-in and session resolution: reads users, manages sessions, never tenant data. */
export interface AuthActor {
  kind: 'auth';
  /**
   * The organization a sign-in concerns, when it is a tenant: its chain records the sign-in
   * (app.tenant_id, which no policy of the auth actor reads otherwise).
   */
  tenantId?: string | null;
}

/** Directory Sync applying one organization's directory: a tenant's, or the vendor's (null). */
export interface DirectoryActor {
  kind: 'directory';
  tenantId: string | null;
}

/**
 * The portal's own automatic work for the public: auto-approval rules, sign-in links, mail
 * delivery, reminders and rate limits. Reaches the portal's tables only, never tenant data.
 */
export interface SystemActor {
  kind: 'system';
}

export const SYSTEM: SystemActor = { kind: 'system' };

/**
 * The governance log's own machinery: exports, signed checkpoints and forwarding. Reads every
 * chain and records checkpoints; data functions check who asked before acting as it.
 */
export interface GovernanceActor {
  kind: 'governance';
}

export const GOVERNANCE: GovernanceActor = { kind: 'governance' };

/**
 * One of the vendor's own systems, calling the machine API (/api/v1/) with a service account's
 * secret. The database checks its scopes again on every statement that needs one.
 */
export interface ServiceActor {
  kind: 'service';
  serviceAccountId: string;
  name: string;
  scopes: readonly string[];
  /** The tenant a call concerns, once the call has named it: the chain its events land in. */
  tenantId?: string;
}

/** Every identity a transaction can run as. */
export type AnyActor = Actor | AuthActor | DirectoryActor | SystemActor | GovernanceActor | ServiceActor;

export type Actor = CustomerActor | StaffActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };

export function dbContextOf(actor: AnyActor): DbContext {
  switch (actor.kind) {
    case 'customer':
      return { tenantId: actor.tenantId, actorId: actor.userId, actorKind: 'customer' };
    case 'staff':
      return { tenantId: actor.actingOnTenantId ?? null, actorId: actor.userId, actorKind: 'staff' };
    case 'anonymous':
      return { tenantId: null, actorId: null, actorKind: 'anonymous' };
    case 'auth':
      return { tenantId: actor.tenantId ?? null, actorId: null, actorKind: 'auth' };
    case 'system':
      return { tenantId: null, actorId: null, actorKind: 'system' };
    case 'governance':
      return { tenantId: null, actorId: null, actorKind: 'governance' };
    case 'service':
      return { tenantId: actor.tenantId ?? null, actorId: actor.serviceAccountId, actorKind: 'service' };
    case 'directory':
      return actor.tenantId === null
        ? { tenantId: null, actorId: null, actorKind: 'vendor_directory' }
        : { tenantId: actor.tenantId, actorId: null, actorKind: 'directory' };
  }
}
