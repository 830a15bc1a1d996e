import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { governanceEvents } from './governance';
import { tenants } from './tenants';
import { users } from './users';

// Forwarding the governance log to a SIEM (migration 0013_governance_forwarding;
// docs/governance-forwarding.md).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export const forwardingEndpoints = pgTable('forwarding_endpoints', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The chain forwarded: a tenant's, or null for the vendor chain. */
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** Write-only for the application role: read back only through forwarding_signing_secret(). */
  secret: text('secret').notNull(),
  description: text('description').notNull().default(''),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: text('disabled_reason'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const forwardingDeliveries = pgTable('forwarding_deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  endpointId: uuid('endpoint_id')
    .notNull()
    .references(() => forwardingEndpoints.id, { onDelete: 'cascade' }),
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  eventId: uuid('event_id')
    .notNull()
    .references(() => governanceEvents.id, { onDelete: 'cascade' }),
  state: text('state').$type<DeliveryState>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  lastAttemptAt: ts('last_attempt_at'),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  deliveredAt: ts('delivered_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
