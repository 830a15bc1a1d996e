import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';

export const tenants = pgTable('tenants', {
  id: id(),
  slug: text('slug').notNull().unique(),
  legalName: text('legal_name').notNull(),
  workosOrganizationId: text('workos_organization_id').unique(),
  workosDirectoryId: text('workos_directory_id').unique(),
  /** The vendor's product's own id for this tenant, which its systems name the tenant by. */
  externalKey: text('external_key').unique(),
  createdAt: createdAt(),
});

export type Tenant = typeof tenants.$inferSelect;
