import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, stampedAt, updatedAt } from './columns';
import { ownerId, tenantOrVendorId } from './references';
import { CUSTOMER_ROLES, STAFF_ROLES } from '@/lib/core/roles';

// tenant_id null: the vendor's own organization (its staff).

/** Which organization a sign-in e-mail's domain belongs to. */
export const identityDomains = pgTable('identity_domains', {
  domain: text('domain').primaryKey(),
  tenantId: tenantOrVendorId(),
  createdAt: createdAt(),
});

export const identitySettings = pgTable('identity_settings', {
  id: id(),
  tenantId: tenantOrVendorId(),
  allowJitProvisioning: boolean('allow_jit_provisioning').notNull().default(false),
  updatedAt: updatedAt(),
});

/** A directory group whose members get a role, per organization. */
export const groupRoleMappings = pgTable('group_role_mappings', {
  id: id(),
  tenantId: tenantOrVendorId(),
  groupName: text('group_name').notNull(),
  role: text('role', { enum: [...STAFF_ROLES, ...CUSTOMER_ROLES] }).notNull(),
  createdAt: createdAt(),
});

export const directoryGroups = pgTable('directory_groups', {
  id: text('id').primaryKey(),
  tenantId: tenantOrVendorId(),
  directoryId: text('directory_id').notNull(),
  name: text('name').notNull(),
  updatedAt: updatedAt(),
});

export const directoryMemberships = pgTable('directory_memberships', {
  id: id(),
  tenantId: tenantOrVendorId(),
  userId: ownerId('user_id'),
  groupId: text('group_id')
    .notNull()
    .references(() => directoryGroups.id, { onDelete: 'cascade' }),
});

/** Directory Sync events already applied, by WorkOS event id. */
export const directoryEvents = pgTable('directory_events', {
  id: text('id').primaryKey(),
  tenantId: tenantOrVendorId(),
  event: text('event').notNull(),
  receivedAt: stampedAt('received_at'),
});
