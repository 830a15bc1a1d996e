import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';

export const tenants = pgTable('tenants', {
  id: id(),
  slug: text('slug').notNull().unique(),
  legalName: text('legal_name').notNull(),
  workosOrganizationId: text('workos_organization_id').unique(),
  workosDirectoryId: text('workos_directory_id').unique(),
  createdAt: createdAt(),
});

export type Tenant = typeof tenants.$inferSelect;
