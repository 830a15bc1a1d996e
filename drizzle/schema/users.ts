import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CUSTOMER_ROLES, STAFF_ROLES } from '@/lib/core/roles';
import { tenants } from './tenants';

/** Staff have no tenant; customer users belong to exactly one (a CHECK constraint holds this). */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['staff', 'customer'] }).notNull(),
  role: text('role', { enum: [...STAFF_ROLES, ...CUSTOMER_ROLES] }).notNull(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  directoryUserId: text('directory_user_id'),
  deprovisionedAt: timestamp('deprovisioned_at', { withTimezone: true, mode: 'date' }),
  directoryUpdatedAt: timestamp('directory_updated_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
