import 'server-only';
import type { Tx } from '@/lib/db/types';
import { appendEvent, type GovernanceEventInput } from './append';
import type { EventKind } from './kinds';

export type CatalogedEvent = GovernanceEventInput & { kind: EventKind };

/**
 * appendEvent for a kind of the catalog (lib/governance/kinds.ts): the way the app's own code
 * records what it did, in the same transaction as the change.
 */
export function emitEvent(tx: Tx, event: CatalogedEvent): Promise<{ id: string }> {
  return appendEvent(tx, event);
}
