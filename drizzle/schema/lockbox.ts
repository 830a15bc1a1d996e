import { integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, stampedAt, ts } from './columns';
import { actorId, by, ownerId, tenantId, updated } from './references';
import { tenants } from './tenants';
import { users } from './users';

// Customer lockbox, break-glass and notifications (migration 0011_lockbox).

export type LockboxStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'revoked';
export type LockboxAccess = 'read' | 'read_write';

export const lockboxSettings = pgTable('lockbox_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  requestExpiryMinutes: integer('request_expiry_minutes').notNull().default(720),
  requiredApprovals: smallint('required_approvals').notNull().default(1),
  ...updated(),
});

export const lockboxRequests = pgTable('lockbox_requests', {
  id: id(),
  tenantId: tenantId(),
  requestedBy: actorId('requested_by'),
  requesterName: text('requester_name').notNull().default(''),
  requesterEmail: text('requester_email').notNull().default(''),
  justification: text('justification').notNull(),
  ticket: text('ticket').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  access: text('access').$type<LockboxAccess>().notNull(),
  status: text('status').$type<LockboxStatus>().notNull().default('pending'),
  requiredApprovals: smallint('required_approvals').notNull().default(1),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  decidedAt: ts('decided_at'),
  decidedBy: by('decided_by'),
  deciderName: text('decider_name').notNull().default(''),
  decisionComment: text('decision_comment').notNull().default(''),
  grantStartsAt: ts('grant_starts_at'),
  grantEndsAt: ts('grant_ends_at'),
  revokedAt: ts('revoked_at'),
  revokedBy: by('revoked_by'),
  revokerName: text('revoker_name').notNull().default(''),
  closedAt: ts('closed_at'),
});

export const lockboxApprovals = pgTable(
  'lockbox_approvals',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => lockboxRequests.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    approverId: actorId('approver_id'),
    approverName: text('approver_name').notNull().default(''),
    comment: text('comment').notNull().default(''),
    approvedAt: stampedAt('approved_at'),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.approverId] })],
);

export const breakGlassHolders = pgTable('break_glass_holders', {
  slot: smallint('slot').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  designatedAt: stampedAt('designated_at'),
  designatedBy: by('designated_by'),
});

export const breakGlassSessions = pgTable('break_glass_sessions', {
  id: id(),
  tenantId: tenantId(),
  invokedBy: actorId('invoked_by'),
  invokerName: text('invoker_name').notNull().default(''),
  invokerEmail: text('invoker_email').notNull().default(''),
  justification: text('justification').notNull(),
  incident: text('incident').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  startedAt: ts('started_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  endedAt: ts('ended_at'),
  endedBy: by('ended_by'),
  closedAt: ts('closed_at'),
  review: text('review'),
  reviewedBy: by('reviewed_by'),
  reviewerName: text('reviewer_name').notNull().default(''),
  reviewedAt: ts('reviewed_at'),
});

export const notifications = pgTable('notifications', {
  id: id(),
  userId: ownerId('user_id'),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  link: text('link').notNull().default(''),
  createdAt: createdAt(),
  readAt: ts('read_at'),
});
