import { boolean, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';
import { actorId, by, tenantId } from './references';

// Service accounts of the vendor's own systems (migration 0019_service_accounts), and the
// accesses they report (0021_access_reports).

export const serviceAccounts = pgTable('service_accounts', {
  id: id(),
  name: text('name').notNull(),
  scopes: text('scopes').array().notNull(),
  /** SHA-256 of the secret, hex: the secret itself is shown once and never kept. */
  secretHash: text('secret_hash').notNull().unique(),
  /** The secret's first characters, so that people can tell which one a system holds. */
  secretHint: text('secret_hint').notNull(),
  createdAt: createdAt(),
  createdBy: actorId('created_by'),
  rotatedAt: ts('rotated_at'),
  revokedAt: ts('revoked_at'),
  revokedBy: by('revoked_by'),
  lastUsedAt: ts('last_used_at'),
});

export type ServiceAccount = typeof serviceAccounts.$inferSelect;

// Accesses the product reported (migration 0021_access_reports).
export const accessReports = pgTable('access_reports', {
  id: id(),
  tenantId: tenantId(),
  serviceAccountId: uuid('service_account_id')
    .notNull()
    .references(() => serviceAccounts.id),
  reportId: text('report_id').notNull(),
  staffRef: text('staff_ref').notNull(),
  staffId: by('staff_id'),
  action: text('action').$type<'read' | 'write'>().notNull(),
  resource: text('resource').notNull(),
  records: text('records').array().notNull().default([]),
  occurredAt: ts('occurred_at').notNull(),
  reportedAt: ts('reported_at').notNull().defaultNow(),
  grantKind: text('grant_kind').$type<'lockbox' | 'break_glass'>(),
  grantId: uuid('grant_id'),
  covered: boolean('covered').notNull().default(false),
});
