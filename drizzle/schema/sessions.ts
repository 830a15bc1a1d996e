import { pgTable, text } from 'drizzle-orm/pg-core';
import { id, ts } from './columns';
import { ownerId } from './references';

/** One row per signed-in browser. The cookie carries the token; only its SHA-256 is stored. */
export const sessions = pgTable('sessions', {
  id: id(),
  userId: ownerId('user_id'),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: ts('created_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
  revokedReason: text('revoked_reason'),
  userAgent: text('user_agent'),
});

export type Session = typeof sessions.$inferSelect;
