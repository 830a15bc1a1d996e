import { boolean, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';
import { by, tenantOrVendorId } from './references';
import { governanceEvents } from './governance';

// Forwarding the governance log to a SIEM (migration 0013_governance_forwarding;
// docs/governance-forwarding.md).

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export const forwardingEndpoints = pgTable('forwarding_endpoints', {
  id: id(),
  /** The chain forwarded: a tenant's, or null for the vendor chain. */
  tenantId: tenantOrVendorId(),
  url: text('url').notNull(),
  /** Write-only for the application role: read back only through forwarding_signing_secret(). */
  secret: text('secret').notNull(),
  description: text('description').notNull().default(''),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: text('disabled_reason'),
  createdBy: by('created_by'),
  createdAt: createdAt(),
});

export const forwardingDeliveries = pgTable('forwarding_deliveries', {
  id: id(),
  endpointId: uuid('endpoint_id')
    .notNull()
    .references(() => forwardingEndpoints.id, { onDelete: 'cascade' }),
  tenantId: tenantOrVendorId(),
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
  createdAt: createdAt(),
});
