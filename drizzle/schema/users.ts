import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

export const STAFF_ROLES = ['trust_admin', 'support', 'break_glass'] as const;
export const CUSTOMER_ROLES = ['customer_admin', 'customer_member'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];
export type Role = StaffRole | CustomerRole;

/** Staff have no tenant; customer users belong to exactly one (a CHECK constraint holds this). */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['staff', 'customer'] }).notNull(),
  role: text('role', { enum: [...STAFF_ROLES, ...CUSTOMER_ROLES] }).notNull(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'suspended'] }).notNull().default('active'),
  directoryUserId: text('directory_user_id'),
  deprovisionedAt: timestamp('deprovisioned_at', { withTimezone: true, mode: 'date' }),
  directoryUpdatedAt: timestamp('directory_updated_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
