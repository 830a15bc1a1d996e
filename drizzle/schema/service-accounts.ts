import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';
import { actorId, by } from './references';

// Service accounts of the vendor's own systems (migration 0019_service_accounts).

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
