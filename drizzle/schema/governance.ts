import { bigint, customType, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';

// The governance log (migrations 0011_lockbox and 0012_governance_chain; docs/governance-log.md).

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const governanceEvents = pgTable('governance_events', {
  id: id(),
  tenantId: uuid('tenant_id'),
  /** Set, with the hashes, when the event's transaction commits (governance_seal_event). */
  seq: bigint('seq', { mode: 'number' }),
  occurredAt: ts('occurred_at').notNull(),
  kind: text('kind').notNull(),
  /** The actor's pseudonymous id (governance_actors.id), not a user id. */
  actorId: uuid('actor_id'),
  actorKind: text('actor_kind').notNull(),
  subject: text('subject').notNull().default(''),
  reason: text('reason').notNull().default(''),
  payload: jsonb('payload').notNull().default({}),
  policy: text('policy').notNull().default(''),
  prevHash: bytea('prev_hash'),
  hash: bytea('hash'),
});

export const governanceActors = pgTable('governance_actors', {
  id: id(),
  userId: uuid('user_id'),
  /** The tenant the person belonged to (null for staff): who may read the name, not a partition. */
  personTenantId: uuid('person_tenant_id'),
  actorKind: text('actor_kind').notNull(),
  name: text('name'),
  email: text('email'),
  erasedAt: ts('erased_at'),
});

export const governanceChainHeads = pgTable('governance_chain_heads', {
  /** The tenant's id, or the zero uuid for the vendor chain. */
  chain: uuid('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: bytea('hash').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const governanceSigningKeys = pgTable('governance_signing_keys', {
  kid: text('kid').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: createdAt(),
});

export const governanceCheckpoints = pgTable('governance_checkpoints', {
  id: id(),
  tenantId: uuid('tenant_id'),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: bytea('hash').notNull(),
  signedTime: text('signed_time').notNull(),
  kid: text('kid').notNull(),
  signature: text('signature').notNull(),
  createdAt: createdAt(),
});
