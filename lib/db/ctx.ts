import 'server-only';
import type { Clock } from '@/lib/core/clock';
import type { DbHandle } from './with-actor';

/**
 * What a data function works with, as one object: the database (or a transaction), the
 * application's clock, and who asks. Route handlers build it once (lib/api/handler.ts).
 */
export interface Ctx<A> {
  db: DbHandle;
  clock: Clock;
  actor: A;
}

/** A data function that does not read the clock. */
export type DbActor<A> = Pick<Ctx<A>, 'db' | 'actor'>;
