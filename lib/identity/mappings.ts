import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { CUSTOMER_ROLES, STAFF_ROLES } from '@/lib/core/roles';
import { directoryMemberships, groupRoleMappings, identitySettings, users } from '@/drizzle/schema';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { recomputeRole } from './directory-sync';
import type { Ctx, DbActor } from '@/lib/db/ctx';

/** Who may edit an organization's mappings: its customer admins, or trust admins for the vendor's staff. */
export type MappingEditor = CustomerActor | StaffActor;

/** The organization whose mappings the actor edits, or a 403: callers check it before reading any input. */
export function scopeOf(actor: MappingEditor) {
  if (actor.kind === 'customer' && actor.role === 'customer_admin') return { tenantId: actor.tenantId, roles: CUSTOMER_ROLES };
  if (actor.kind === 'staff' && actor.role === 'trust_admin') return { tenantId: null, roles: STAFF_ROLES };
  throw new AppError('forbidden', 'Only your organization’s administrators can change how directory groups map to roles.', 403);
}

// The descriptions are what the users page says when the form comes back with the field's code.
export const mappingInput = z.object({
  groupName: z
    .string()
    .trim()
    .min(1, 'Enter the group’s name as your directory spells it')
    .max(200)
    .describe('Enter the group’s name as your directory spells it.'),
  role: z.string().min(1).max(50).describe('Choose one of the roles offered.'),
});

export async function listMappings({ db, actor }: DbActor<MappingEditor>) {
  const { tenantId } = scopeOf(actor);
  return withActor(
    db,
    actor,
    (tx) =>
      tx
        .select({ id: groupRoleMappings.id, groupName: groupRoleMappings.groupName, role: groupRoleMappings.role })
        .from(groupRoleMappings)
        .where(tenantId === null ? isNull(groupRoleMappings.tenantId) : eq(groupRoleMappings.tenantId, tenantId))
        .orderBy(asc(groupRoleMappings.groupName)),
    { readOnly: true },
  );
}

/**
 * Adds a mapping (`identity.mapping_added` in the organization's chain), then re-derives the
 * role of every directory user of the organization, so a change applies at once (users whose
 * role changes are signed out, each with `identity.role_changed`).
 */
export async function addMapping({ db, clock, actor }: Ctx<MappingEditor>, input: z.infer<typeof mappingInput>) {
  const { tenantId, roles } = scopeOf(actor);
  const role = (roles as readonly string[]).includes(input.role) ? (input.role as (typeof roles)[number]) : null;
  if (!role) throw new AppError('invalid_role', `Choose one of: ${roles.join(', ')}.`, 400);
  const [created] = await withActor(db, actor, async (tx) => {
    const rows = await tx.insert(groupRoleMappings).values({ tenantId, groupName: input.groupName, role }).returning({ id: groupRoleMappings.id });
    await emitEvent(tx, { tenantId, kind: 'identity.mapping_added', subject: rows[0].id, payload: { mapping: rows[0].id, groupName: input.groupName, role } });
    await assertKeepsCustomerAdmin(tx, tenantId);
    return rows;
  }).catch((error: unknown) => {
    if (pgErrorCode(error) === '23505') throw new AppError('mapping_exists', `The group “${input.groupName}” already has a role.`, 409);
    throw lastAdminError(error);
  });
  await rederiveRoles(db, clock, tenantId);
  return created;
}

export async function removeMapping({ db, clock, actor }: Ctx<MappingEditor>, id: string) {
  const { tenantId } = scopeOf(actor);
  if (!z.uuid().safeParse(id).success) throw new AppError('not_found', 'There is no such mapping.', 404);
  await withActor(db, actor, async (tx) => {
    const [deleted] = await tx
      .delete(groupRoleMappings)
      .where(and(eq(groupRoleMappings.id, id), tenantId === null ? isNull(groupRoleMappings.tenantId) : eq(groupRoleMappings.tenantId, tenantId)))
      .returning({ id: groupRoleMappings.id, groupName: groupRoleMappings.groupName, role: groupRoleMappings.role });
    if (!deleted) throw new AppError('not_found', 'There is no such mapping.', 404);
    await emitEvent(tx, {
      tenantId,
      kind: 'identity.mapping_removed',
      subject: deleted.id,
      payload: { mapping: deleted.id, groupName: deleted.groupName, role: deleted.role },
    });
    await assertKeepsCustomerAdmin(tx, tenantId);
  }).catch((error: unknown) => {
    throw lastAdminError(error);
  });
  await rederiveRoles(db, clock, tenantId);
}

/**
 * A customer admin's mapping change must leave the tenant a customer admin once roles are
 * derived again. The database takes the tenant's admin lock before it counts, so this and an
 * admin deleting their own account at the same moment take turns.
 */
async function assertKeepsCustomerAdmin(tx: Tx, tenantId: string | null) {
  if (tenantId !== null) await tx.execute(sql`select assert_mapping_keeps_customer_admin()`);
}

function lastAdminError(error: unknown) {
  if (pgErrorCode(error) !== '23514') return error;
  return new AppError(
    'last_customer_admin',
    'This change would leave your organization without a customer admin, and nobody could answer lockbox requests. Map another group to customer admin first.',
    409,
  );
}

/**
 * Re-derives the roles of everyone the directory put in a group, running as the
 * organization's directory (only it may change its users' roles). People in no group keep
 * the role they were given.
 */
async function rederiveRoles(db: DbHandle, clock: Clock, tenantId: string | null) {
  const scope = { tenantId };
  await withActor(db, { kind: 'directory', tenantId }, async (tx) => {
    const members = await tx.selectDistinct({ id: directoryMemberships.userId }).from(directoryMemberships);
    for (const m of members) await recomputeRole(tx, scope, m.id, clock.now());
  });
}

export async function listPeople(db: DbHandle, actor: MappingEditor) {
  const { tenantId } = scopeOf(actor);
  return withActor(
    db,
    actor,
    (tx) =>
      tx
        .select({ id: users.id, name: users.name, email: users.email, role: users.role, status: users.status, directoryUserId: users.directoryUserId })
        .from(users)
        .where(tenantId === null ? isNull(users.tenantId) : eq(users.tenantId, tenantId))
        .orderBy(asc(users.name)),
    { readOnly: true },
  );
}

/** Whether the tenant lets SSO create people the directory has not provisioned yet. */
export async function jitProvisioning(db: DbHandle, actor: CustomerActor): Promise<boolean> {
  scopeOf(actor);
  const [row] = await withActor(
    db,
    actor,
    (tx) => tx.select({ allow: identitySettings.allowJitProvisioning }).from(identitySettings).where(eq(identitySettings.tenantId, actor.tenantId)),
    { readOnly: true },
  );
  return row?.allow ?? false;
}

/** A customer admin of the organization, or a 403: callers check it before reading any input. */
export function assertJitEditor(actor: MappingEditor): asserts actor is CustomerActor {
  if (actor.kind !== 'customer') throw new AppError('forbidden', 'Staff accounts are never created just in time: the directory provisions them.', 403);
  scopeOf(actor);
}

export async function setJitProvisioning({ db, clock, actor }: Ctx<MappingEditor>, allow: boolean) {
  assertJitEditor(actor);
  await withActor(db, actor, async (tx) => {
    const updated = await tx
      .update(identitySettings)
      .set({ allowJitProvisioning: allow, updatedAt: clock.now() })
      .where(eq(identitySettings.tenantId, actor.tenantId))
      .returning({ id: identitySettings.id });
    if (updated.length === 0) throw new AppError('not_found', 'This organization has no identity settings yet.', 404);
    await emitEvent(tx, { tenantId: actor.tenantId, kind: 'identity.jit_provisioning_changed', subject: actor.tenantId, payload: { allow } });
  });
}
