import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { CUSTOMER_ROLES, STAFF_ROLES } from '@/lib/core/roles';
import { users } from './users';

// tenant_id null: the vendor's own organization (its staff).

/** Which organization a sign-in e-mail's domain belongs to. */
export const identityDomains = pgTable('identity_domains', {
  domain: text('domain').primaryKey(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const identitySettings = pgTable('identity_settings', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  allowJitProvisioning: boolean('allow_jit_provisioning').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** A directory group whose members get a role, per organization. */
export const groupRoleMappings = pgTable('group_role_mappings', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  groupName: text('group_name').notNull(),
  role: text('role', { enum: [...STAFF_ROLES, ...CUSTOMER_ROLES] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const directoryGroups = pgTable('directory_groups', {
  id: text('id').primaryKey(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  directoryId: text('directory_id').notNull(),
  name: text('name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const directoryMemberships = pgTable('directory_memberships', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  groupId: text('group_id')
    .notNull()
    .references(() => directoryGroups.id, { onDelete: 'cascade' }),
});

/** Directory Sync events already applied, by WorkOS event id. */
export const directoryEvents = pgTable('directory_events', {
  id: text('id').primaryKey(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  event: text('event').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
