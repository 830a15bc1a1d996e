import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, ts } from './columns';
import { CUSTOMER_ROLES, STAFF_ROLES } from '@/lib/core/roles';
import { tenants } from './tenants';

/** Staff have no tenant; customer users belong to exactly one (a CHECK constraint holds this). */
export const users = pgTable('users', {
  id: id(),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['staff', 'customer'] }).notNull(),
  role: text('role', { enum: [...STAFF_ROLES, ...CUSTOMER_ROLES] }).notNull(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  directoryUserId: text('directory_user_id'),
  deprovisionedAt: ts('deprovisioned_at'),
  directoryUpdatedAt: ts('directory_updated_at'),
  ...timestamps(),
});

export type User = typeof users.$inferSelect;
