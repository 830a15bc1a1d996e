import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { directoryEvents, directoryGroups, directoryMemberships, groupRoleMappings, identityDomains, sessions, users } from '@/drizzle/schema';
import type { Role } from '@/lib/core/roles';
import { revokeSessionsIn } from '@/lib/auth/sessions';
import { pgErrorCode } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { emitEvent } from '@/lib/governance/emit';
import type { EventKind } from '@/lib/governance/kinds';
import { AppError } from '@/lib/core/errors';

/** The organization a directory belongs to: a tenant, or the vendor (null) for its staff. */
export interface DirectoryScope {
  tenantId: string | null;
}

export interface DirectoryUserInput {
  id: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  state: string;
  /** The directory's own time of this version of the user. */
  updatedAt?: string | null;
}

export interface DirectoryGroupInput {
  id: string;
  directoryId: string;
  name: string;
}

// When a person is in several mapped groups, the first role in this order wins.
const PRECEDENCE: Role[] = ['trust_admin', 'break_glass', 'support', 'customer_admin', 'customer_member'];

const inScope = (column: AnyPgColumn, scope: DirectoryScope) => (scope.tenantId === null ? isNull(column) : eq(column, scope.tenantId));

/**
 * Records what Directory Sync changed in the organization's chain (the vendor's for the staff
 * directory), in the transaction that applies it. A person appears only as payload.user, their
 * pseudonym; e-mail addresses and names never.
 */
function record(tx: Tx, scope: DirectoryScope, kind: EventKind, subject: string, payload: Record<string, unknown>, userId?: string) {
  return emitEvent(tx, { tenantId: scope.tenantId, kind, subject, payload, ...(userId ? { aboutUserId: userId } : {}) });
}

/** Why a user was deprovisioned. */
export type DeprovisionReason = 'inactive' | 'deleted' | 'directory_deleted' | 'not_listed';

/** Records an event id; false when it was applied before (a replay changes nothing). */
export async function recordEvent(tx: Tx, scope: DirectoryScope, id: string, event: string): Promise<boolean> {
  const rows = await tx.insert(directoryEvents).values({ id, tenantId: scope.tenantId, event }).onConflictDoNothing().returning({ id: directoryEvents.id });
  return rows.length === 1;
}

async function findUser(tx: Tx, scope: DirectoryScope, directoryUserId: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(inScope(users.tenantId, scope), eq(users.directoryUserId, directoryUserId)))
    .limit(1);
  return row;
}

/** Whether an address belongs to one of the organization's domains: nobody squats another's. */
async function ownsDomain(tx: Tx, scope: DirectoryScope, email: string) {
  const [row] = await tx
    .select({ domain: identityDomains.domain })
    .from(identityDomains)
    .where(and(inScope(identityDomains.tenantId, scope), eq(identityDomains.domain, email.split('@')[1] ?? '')))
    .limit(1);
  return Boolean(row);
}

const isStale = (known: Date | null, incoming: string | null | undefined) => Boolean(known && incoming && new Date(incoming).getTime() < known.getTime());

/**
 * Creates or updates a directory user; an inactive one is deprovisioned at once. Returns the
 * user's id, or null when the user was skipped: an address outside the organization's
 * domains. An event older than the version already applied changes nothing.
 */
export async function upsertUser(tx: Tx, scope: DirectoryScope, input: DirectoryUserInput, now: Date): Promise<string | null> {
  const email = input.email.trim().toLowerCase();
  const name = ([input.firstName, input.lastName].filter(Boolean).join(' ').trim() || email).slice(0, 200);
  const active = input.state === 'active';
  const directoryUpdatedAt = input.updatedAt ? new Date(input.updatedAt) : now;
  let user = await findUser(tx, scope, input.id);
  if (user && isStale(user.directoryUpdatedAt, input.updatedAt)) return user.id;
  if (!(await ownsDomain(tx, scope, email))) {
    console.warn(JSON.stringify({ event: 'identity.directory_user_refused', reason: 'email_domain_not_owned', directoryUserId: input.id }));
    await record(tx, scope, 'directory.user_refused', 'user', { reason: 'email_domain_not_owned' }, user?.id);
    return user?.id ?? null;
  }
  let adopted = false;
  if (!user) {
    // A user created before the directory was connected (or by SSO) is adopted by e-mail,
    // never one another directory entry already owns.
    [user] = await tx
      .select()
      .from(users)
      .where(and(inScope(users.tenantId, scope), eq(users.email, email), isNull(users.directoryUserId)))
      .limit(1);
    adopted = Boolean(user);
  }
  if (!user) {
    const staff = scope.tenantId === null;
    const created = await tx
      .insert(users)
      .values({
        tenantId: scope.tenantId,
        kind: staff ? 'staff' : 'customer',
        // Staff get access only through a mapped group; until then the account stays suspended.
        role: staff ? 'support' : 'customer_member',
        status: active && !staff ? 'active' : 'suspended',
        email,
        name,
        directoryUserId: input.id,
        directoryUpdatedAt,
        deprovisionedAt: active ? null : now,
      })
      .returning({ id: users.id, role: users.role, status: users.status })
      .then(([row]) => row, emailTaken(input.id));
    await record(tx, scope, 'directory.user_created', 'user', { role: created.role, status: created.status }, created.id);
    return created.id;
  }
  await tx
    .update(users)
    .set({ email, name, directoryUserId: input.id, directoryUpdatedAt, updatedAt: now })
    .where(eq(users.id, user.id))
    .catch(emailTaken(input.id));
  const fields = [...(user.email !== email ? ['email'] : []), ...(user.name !== name ? ['name'] : []), ...(adopted ? ['directoryUserId'] : [])];
  if (fields.length > 0) await record(tx, scope, 'directory.user_updated', 'user', { fields }, user.id);
  if (!active) await deprovision(tx, scope, user, now, 'inactive');
  else if (user.deprovisionedAt || adopted) {
    await tx.update(users).set({ deprovisionedAt: null, updatedAt: now }).where(eq(users.id, user.id));
    if (user.deprovisionedAt) await record(tx, scope, 'directory.user_reactivated', 'user', {}, user.id);
    await recomputeRole(tx, scope, user.id, now, true);
  }
  return user.id;
}

/** E-mail addresses are unique across organizations: a clash means it belongs to another. */
function emailTaken(directoryUserId: string) {
  return (error: unknown): never => {
    if (pgErrorCode(error) !== '23505') throw error;
    console.warn(JSON.stringify({ event: 'identity.directory_user_refused', reason: 'email_in_other_organization', directoryUserId }));
    throw new AppError('email_in_other_organization', 'This e-mail address belongs to another user.', 409);
  };
}

/** Suspends a user and ends their sessions; recorded the first time (a repeat changes nothing worth a record). */
async function deprovision(tx: Tx, scope: DirectoryScope, user: { id: string; deprovisionedAt: Date | null }, now: Date, reason: DeprovisionReason) {
  await tx
    .update(users)
    .set({ status: 'suspended', deprovisionedAt: user.deprovisionedAt ?? now, updatedAt: now })
    .where(eq(users.id, user.id));
  const sessionsEnded = await revokeSessionsIn(tx, eq(sessions.userId, user.id), 'deprovisioned', now);
  if (!user.deprovisionedAt) await record(tx, scope, 'directory.user_deprovisioned', 'user', { reason, sessionsEnded }, user.id);
}

/** A user deleted from the directory: suspended (kept for the record) and signed out everywhere. */
export async function deprovisionUser(
  tx: Tx,
  scope: DirectoryScope,
  directoryUserId: string,
  now: Date,
  updatedAt?: string | null,
  reason: DeprovisionReason = 'deleted',
) {
  const user = await findUser(tx, scope, directoryUserId);
  if (!user || isStale(user.directoryUpdatedAt, updatedAt)) return;
  if (updatedAt)
    await tx
      .update(users)
      .set({ directoryUpdatedAt: new Date(updatedAt) })
      .where(eq(users.id, user.id));
  await deprovision(tx, scope, user, now, reason);
}

/** Creates or renames a group; a rename re-derives its members' roles, since mappings go by name. */
export async function upsertGroup(tx: Tx, scope: DirectoryScope, group: DirectoryGroupInput, now: Date) {
  const [before] = await tx.select({ name: directoryGroups.name }).from(directoryGroups).where(eq(directoryGroups.id, group.id)).limit(1);
  await tx
    .insert(directoryGroups)
    .values({ id: group.id, tenantId: scope.tenantId, directoryId: group.directoryId, name: group.name, updatedAt: now })
    .onConflictDoUpdate({ target: directoryGroups.id, set: { name: group.name, updatedAt: now } });
  if (!before) await record(tx, scope, 'directory.group_created', group.id, { group: group.id });
  if (before && before.name !== group.name) {
    const members = await tx.select({ userId: directoryMemberships.userId }).from(directoryMemberships).where(eq(directoryMemberships.groupId, group.id));
    await record(tx, scope, 'directory.group_renamed', group.id, { group: group.id, members: members.length });
    for (const m of members) await recomputeRole(tx, scope, m.userId, now);
  }
}

export async function deleteGroup(tx: Tx, scope: DirectoryScope, groupId: string, now: Date) {
  const members = await tx.select({ userId: directoryMemberships.userId }).from(directoryMemberships).where(eq(directoryMemberships.groupId, groupId));
  const deleted = await tx
    .delete(directoryGroups)
    .where(and(eq(directoryGroups.id, groupId), inScope(directoryGroups.tenantId, scope)))
    .returning({ id: directoryGroups.id });
  if (deleted.length > 0) await record(tx, scope, 'directory.group_deleted', groupId, { group: groupId, members: members.length });
  for (const m of members) await recomputeRole(tx, scope, m.userId, now);
}

export async function addMembership(tx: Tx, scope: DirectoryScope, userId: string, groupId: string, now: Date) {
  await putInGroup(tx, scope, userId, groupId);
  await recomputeRole(tx, scope, userId, now);
}

/** Adds a membership once, recording it when it is new. */
export async function putInGroup(tx: Tx, scope: DirectoryScope, userId: string, groupId: string) {
  const added = await tx
    .insert(directoryMemberships)
    .values({ tenantId: scope.tenantId, userId, groupId })
    .onConflictDoNothing()
    .returning({ groupId: directoryMemberships.groupId });
  if (added.length > 0) await record(tx, scope, 'directory.member_added', groupId, { group: groupId }, userId);
}

export async function removeMembership(tx: Tx, scope: DirectoryScope, userId: string, groupId: string, now: Date) {
  const removed = await tx
    .delete(directoryMemberships)
    .where(and(eq(directoryMemberships.userId, userId), eq(directoryMemberships.groupId, groupId)))
    .returning({ groupId: directoryMemberships.groupId });
  if (removed.length > 0) await record(tx, scope, 'directory.member_removed', groupId, { group: groupId }, userId);
  await recomputeRole(tx, scope, userId, now);
}

/**
 * Sets a user's role from their groups and the organization's mappings. A change ends the
 * user's sessions so the new role applies at once. Staff without a mapped group, and anyone
 * deprovisioned, stay suspended.
 */
export async function recomputeRole(tx: Tx, scope: DirectoryScope, userId: string, now: Date, force = false) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return;
  const mapped = await tx
    .select({ role: groupRoleMappings.role })
    .from(directoryMemberships)
    .innerJoin(directoryGroups, eq(directoryGroups.id, directoryMemberships.groupId))
    .innerJoin(groupRoleMappings, and(sql`lower(${groupRoleMappings.groupName}) = lower(${directoryGroups.name})`, inScope(groupRoleMappings.tenantId, scope)))
    .where(eq(directoryMemberships.userId, userId));
  const roles = new Set(mapped.map((m) => m.role));
  const best = PRECEDENCE.find((r) => roles.has(r));
  const staff = user.kind === 'staff';
  const role = best ?? (staff ? user.role : 'customer_member');
  const status = user.deprovisionedAt || (staff && !best) ? 'suspended' : 'active';
  if (!force && role === user.role && status === user.status) return;
  await tx.update(users).set({ role, status, updatedAt: now }).where(eq(users.id, userId));
  let sessionsEnded = 0;
  if (role !== user.role || status !== 'active') {
    sessionsEnded = await revokeSessionsIn(tx, eq(sessions.userId, userId), 'role_changed', now);
  }
  if (role !== user.role || status !== user.status) {
    await record(tx, scope, 'identity.role_changed', 'user', { previousRole: user.role, role, previousStatus: user.status, status, sessionsEnded }, userId);
  }
}

/** Every user a directory provisioned in this organization: for a deleted directory. */
export async function deprovisionDirectory(tx: Tx, scope: DirectoryScope, now: Date) {
  const rows = await tx
    .select({ id: users.id, deprovisionedAt: users.deprovisionedAt })
    .from(users)
    .where(and(inScope(users.tenantId, scope), sql`${users.directoryUserId} IS NOT NULL`));
  for (const r of rows) await deprovision(tx, scope, r, now, 'directory_deleted');
  await record(tx, scope, 'directory.deleted', 'directory', { deprovisioned: rows.filter((r) => !r.deprovisionedAt).length });
}
