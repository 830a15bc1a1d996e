import { integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { users } from './users';

// Customer lockbox, break-glass and notifications (migration 0011_lockbox).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const by = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

export type LockboxStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'revoked';
export type LockboxAccess = 'read' | 'read_write';

export const lockboxSettings = pgTable('lockbox_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  requestExpiryMinutes: integer('request_expiry_minutes').notNull().default(720),
  requiredApprovals: smallint('required_approvals').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: by('updated_by'),
});

export const lockboxRequests = pgTable('lockbox_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  requestedBy: uuid('requested_by')
    .notNull()
    .references(() => users.id),
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
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    approverName: text('approver_name').notNull().default(''),
    comment: text('comment').notNull().default(''),
    approvedAt: ts('approved_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.approverId] })],
);

export const breakGlassHolders = pgTable('break_glass_holders', {
  slot: smallint('slot').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  designatedAt: ts('designated_at').notNull().defaultNow(),
  designatedBy: by('designated_by'),
});

export const breakGlassSessions = pgTable('break_glass_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  invokedBy: uuid('invoked_by')
    .notNull()
    .references(() => users.id),
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
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  link: text('link').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
  readAt: ts('read_at'),
});
