import { timestamp, uuid } from 'drizzle-orm/pg-core';

// Column definitions that many tables repeat. Each call makes a fresh builder, so no two tables
// share one.

/** A timestamptz column, read as a Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A timestamptz column that the database sets to now() when an insert leaves it out. */
export const stampedAt = (name: string) => ts(name).notNull().defaultNow();

/** A uuid primary key the database generates. */
export const id = () => uuid('id').primaryKey().defaultRandom();

export const createdAt = () => stampedAt('created_at');

export const updatedAt = () => stampedAt('updated_at');

export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });
