import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { directoryEvents, directoryGroups, directoryMemberships, groupRoleMappings, sessions, users, type Role } from '@/drizzle/schema';
import { revokeSessionsIn } from '@/lib/auth/sessions';
import { pgErrorCode } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/http/errors';

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
}

export interface DirectoryGroupInput {
  id: string;
  directoryId: string;
  name: string;
}

// When a person is in several mapped groups, the first role in this order wins.
const PRECEDENCE: Role[] = ['trust_admin', 'break_glass', 'support', 'customer_admin', 'customer_member'];

const inScope = (column: AnyPgColumn, scope: DirectoryScope) =>
  scope.tenantId === null ? isNull(column) : eq(column, scope.tenantId);

/** Records an event id; false when it was applied before (a replay changes nothing). */
export async function recordEvent(tx: Tx, scope: DirectoryScope, id: string, event: string): Promise<boolean> {
  const rows = await tx
    .insert(directoryEvents)
    .values({ id, tenantId: scope.tenantId, event })
    .onConflictDoNothing()
    .returning({ id: directoryEvents.id });
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

/** Creates or updates a directory user; an inactive one is deprovisioned at once. */
export async function upsertUser(tx: Tx, scope: DirectoryScope, input: DirectoryUserInput, now: Date): Promise<string> {
  const email = input.email.trim().toLowerCase();
  const name = [input.firstName, input.lastName].filter(Boolean).join(' ').trim() || email;
  const active = input.state === 'active';
  let user = await findUser(tx, scope, input.id);
  if (!user) {
    // A user created before the directory was connected (or by SSO) is adopted by e-mail.
    [user] = await tx
      .select()
      .from(users)
      .where(and(inScope(users.tenantId, scope), eq(users.email, email)))
      .limit(1);
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
        deprovisionedAt: active ? null : now,
      })
      .returning({ id: users.id })
      .then(
        ([row]) => row,
        (error: unknown) => {
          // E-mail addresses are unique across organizations: this one belongs to another.
          if (pgErrorCode(error) !== '23505') throw error;
          console.warn(JSON.stringify({ event: 'identity.directory_user_refused', reason: 'email_in_other_organization', directoryUserId: input.id }));
          throw new AppError('email_in_other_organization', 'This e-mail address belongs to a user of another organization.', 409);
        },
      );
    return created.id;
  }
  await tx
    .update(users)
    .set({ email, name, directoryUserId: input.id, updatedAt: now })
    .where(eq(users.id, user.id));
  if (!active) await deprovision(tx, user.id, now);
  else if (user.deprovisionedAt) {
    await tx.update(users).set({ deprovisionedAt: null, updatedAt: now }).where(eq(users.id, user.id));
    await recomputeRole(tx, scope, user.id, now, true);
  }
  return user.id;
}

async function deprovision(tx: Tx, userId: string, now: Date) {
  await tx.update(users).set({ status: 'suspended', deprovisionedAt: now, updatedAt: now }).where(eq(users.id, userId));
  await revokeSessionsIn(tx, eq(sessions.userId, userId), 'deprovisioned', now);
}

/** A user deleted from the directory: suspended (kept for the record) and signed out everywhere. */
export async function deprovisionUser(tx: Tx, scope: DirectoryScope, directoryUserId: string, now: Date) {
  const user = await findUser(tx, scope, directoryUserId);
  if (user) await deprovision(tx, user.id, now);
}

export async function upsertGroup(tx: Tx, scope: DirectoryScope, group: DirectoryGroupInput, now: Date) {
  await tx
    .insert(directoryGroups)
    .values({ id: group.id, tenantId: scope.tenantId, directoryId: group.directoryId, name: group.name, updatedAt: now })
    .onConflictDoUpdate({ target: directoryGroups.id, set: { name: group.name, updatedAt: now } });
}

export async function deleteGroup(tx: Tx, scope: DirectoryScope, groupId: string, now: Date) {
  const members = await tx
    .select({ userId: directoryMemberships.userId })
    .from(directoryMemberships)
    .where(eq(directoryMemberships.groupId, groupId));
  await tx.delete(directoryGroups).where(and(eq(directoryGroups.id, groupId), inScope(directoryGroups.tenantId, scope)));
  for (const m of members) await recomputeRole(tx, scope, m.userId, now);
}

export async function addMembership(tx: Tx, scope: DirectoryScope, userId: string, groupId: string, now: Date) {
  await tx.insert(directoryMemberships).values({ tenantId: scope.tenantId, userId, groupId }).onConflictDoNothing();
  await recomputeRole(tx, scope, userId, now);
}

export async function removeMembership(tx: Tx, scope: DirectoryScope, userId: string, groupId: string, now: Date) {
  await tx.delete(directoryMemberships).where(and(eq(directoryMemberships.userId, userId), eq(directoryMemberships.groupId, groupId)));
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
    .innerJoin(
      groupRoleMappings,
      and(
        sql`lower(${groupRoleMappings.groupName}) = lower(${directoryGroups.name})`,
        inScope(groupRoleMappings.tenantId, scope),
      ),
    )
    .where(eq(directoryMemberships.userId, userId));
  const roles = new Set(mapped.map((m) => m.role));
  const best = PRECEDENCE.find((r) => roles.has(r));
  const staff = user.kind === 'staff';
  const role = best ?? (staff ? user.role : 'customer_member');
  const status = user.deprovisionedAt || (staff && !best) ? 'suspended' : 'active';
  if (!force && role === user.role && status === user.status) return;
  await tx.update(users).set({ role, status, updatedAt: now }).where(eq(users.id, userId));
  if (role !== user.role || status !== 'active') {
    await revokeSessionsIn(tx, eq(sessions.userId, userId), 'role_changed', now);
  }
}

/** Every user a directory provisioned in this organization: for a deleted directory. */
export async function deprovisionDirectory(tx: Tx, scope: DirectoryScope, now: Date) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inScope(users.tenantId, scope), sql`${users.directoryUserId} IS NOT NULL`));
  for (const r of rows) await deprovision(tx, r.id, now);
}

