import { pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { tenantId } from './references';

/** The customer's confidential data held by the vendor: what the lockbox protects. */
export const tenantRecords = pgTable('tenant_records', {
  id: id(),
  tenantId: tenantId(),
  category: text('category').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  ...timestamps(),
});

export type TenantRecord = typeof tenantRecords.$inferSelect;
