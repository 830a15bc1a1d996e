import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { users } from './users';

// The Data Processing Agreement: draft, published versions, tenants' executions (migration 0010_dpa).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const by = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

export const dpaDraft = pgTable('dpa_draft', {
  id: boolean('id').primaryKey().default(true),
  content: jsonb('content').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: by('updated_by'),
});

export const dpaVersions = pgTable('dpa_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  version: integer('version').notNull().unique(),
  content: jsonb('content').notNull(),
  contentSha256: text('content_sha256').notNull(),
  changeNote: text('change_note').notNull().default(''),
  publishedAt: ts('published_at').notNull().defaultNow(),
  publishedBy: by('published_by'),
});

export const dpaExecutions = pgTable('dpa_executions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  dpaVersionId: uuid('dpa_version_id').notNull().references(() => dpaVersions.id),
  customerLegalName: text('customer_legal_name').notNull(),
  signerName: text('signer_name').notNull(),
  signerTitle: text('signer_title').notNull(),
  signerEmail: text('signer_email').notNull(),
  executedBy: by('executed_by'),
  executedAt: ts('executed_at').notNull().defaultNow(),
});
