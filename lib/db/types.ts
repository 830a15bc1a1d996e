import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { DbContext } from '@/lib/core/actor';

/**
 * A drizzle handle bound to one transaction whose RLS context is already set. Nested
 * transactions are left out on purpose: data functions compose through withActor.
 */
export type Tx = Omit<PgDatabase<PgQueryResultHKT, Record<string, never>>, 'transaction'>;

export interface TransactionOptions {
  /** BEGIN READ ONLY: the database refuses any write fn attempts. */
  readOnly?: boolean;
  /**
   * The time to judge access at (app.now): an injected clock's time. The database takes the
   * later of it and its own, so a clock can end access early but never extend it.
   */
  now?: Date;
}

export interface Database {
  readonly backend: 'pglite' | 'postgres';
  /** Runs fn in one transaction as trust_app (or the role it was opened for) with the given RLS context. */
  transaction<T>(context: DbContext, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * The same database as trust_signer, the role that alone records signed checkpoints and
   * publishes signing keys: trust_app cannot, so a compromised application role cannot forge
   * what vouches for the log.
   */
  signer(): Database;
  close(): Promise<void>;
}

/** Statements for operator tooling (migrations, seeding): runs as the connecting role. */
export interface AdminQuery {
  exec(sql: string): Promise<void>;
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface AdminConnection {
  transaction<T>(fn: (q: AdminQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const APP_ROLE = 'trust_app';
export const SIGNER_ROLE = 'trust_signer';
export type RuntimeRole = typeof APP_ROLE | typeof SIGNER_ROLE;
export const OWNER_ROLE = 'trust_owner';
