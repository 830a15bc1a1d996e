import { uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { users } from './users';
import { updatedAt } from './columns';

// Foreign keys to the tenants and users that many tables repeat.

/** The tenant that owns the row; the row goes when the tenant does. */
export const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/** A tenant, or null for the vendor's own organization; the row goes when the tenant does. */
export const tenantOrVendorId = () => uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' });

/** The user a row belongs to; the row goes when the user does. */
export const ownerId = (name: string) =>
  uuid(name)
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/** The user who asked for or did something; the user cannot be deleted while the row stands. */
export const actorId = (name: string) =>
  uuid(name)
    .notNull()
    .references(() => users.id);

/** Who last did something, kept as null once that user is deleted. */
export const by = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

/** When a row last changed, and who changed it. */
export const updated = () => ({ updatedAt: updatedAt(), updatedBy: by('updated_by') });
