import { boolean, customType, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, stampedAt } from './columns';
import { by, tenantId, updated } from './references';

// The Data Processing Agreement: draft, published versions, tenants' executions (migration 0010_dpa).

/**
 * The DPA's content: a jsonb object, sent as its JSON text once (the app's driver passes jsonb
 * text through) and read only as an object. A JSON string in its place, the content encoded
 * twice, is an error rather than decoded again (migration 0017_dpa_content_object; the
 * database refuses one too).
 */
const contentObject = customType<{ data: Record<string, unknown>; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('The stored DPA content is not a JSON object.');
    return value as Record<string, unknown>;
  },
});

export const dpaDraft = pgTable('dpa_draft', {
  id: boolean('id').primaryKey().default(true),
  content: contentObject('content').notNull(),
  ...updated(),
});

export const dpaVersions = pgTable('dpa_versions', {
  id: id(),
  version: integer('version').notNull().unique(),
  content: contentObject('content').notNull(),
  contentSha256: text('content_sha256').notNull(),
  changeNote: text('change_note').notNull().default(''),
  publishedAt: stampedAt('published_at'),
  publishedBy: by('published_by'),
});

export const dpaExecutions = pgTable('dpa_executions', {
  id: id(),
  tenantId: tenantId(),
  dpaVersionId: uuid('dpa_version_id')
    .notNull()
    .references(() => dpaVersions.id),
  customerLegalName: text('customer_legal_name').notNull(),
  signerName: text('signer_name').notNull(),
  signerTitle: text('signer_title').notNull(),
  signerEmail: text('signer_email').notNull(),
  executedBy: by('executed_by'),
  executedAt: stampedAt('executed_at'),
});
