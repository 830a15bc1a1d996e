import 'server-only';
import { ANONYMOUS, type Actor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { EventCoalescer } from './coalesce';
import { emitEvent } from './emit';

export interface Refusal {
  /** The HTTP method. */
  method: string;
  /** The route's pattern (`/api/lockbox/requests/[id]/approve`): no query, no ids, no tokens. */
  path: string;
  /** The refusal's error code (`forbidden`, `access_required`, ...). */
  code: string;
}

export interface RefusalDeps {
  db: DbHandle;
  clock: Clock;
  /** The flood guard; one per process unless a test brings its own. */
  coalescer?: EventCoalescer;
}

/**
 * The refusal-coalescing rule: at most one `auth.refused` per actor, chain, method, path and
 * code per minute and process. Refusals held back in between are counted; the next event for
 * the same key says how many (`suppressed`). See EventCoalescer.
 */
export const REFUSALS = new EventCoalescer(60_000, 10_000);

/** The chain a refusal lands in: a customer's tenant; the tenant a staff member acts on; else the vendor's. */
export function refusalChain(actor: Actor): string | null {
  if (actor.kind === 'customer') return actor.tenantId;
  if (actor.kind === 'staff') return actor.actingOnTenantId ?? null;
  return null;
}

const clean = (value: string, max: number, pattern: RegExp) => value.replace(pattern, '').slice(0, max);

/**
 * Records a refused request as `auth.refused`, in a transaction of its own: the refused change
 * rolled back, and its refusal must not. Written as the refused actor (the anonymous public when
 * nobody was signed in), to the chain refusalChain() names, unless the coalescing rule holds it
 * back. A refusal that cannot be written is logged and does not change the answer (still 403).
 * Returns whether an event was written.
 */
export async function recordRefusal(deps: RefusalDeps, actor: Actor | null, refusal: Refusal): Promise<boolean> {
  const who = actor ?? ANONYMOUS;
  const tenantId = refusalChain(who);
  const method = clean(refusal.method.toUpperCase(), 10, /[^A-Z]/g);
  const path = clean(refusal.path, 150, /[^A-Za-z0-9/._[\]-]/g);
  const code = clean(refusal.code, 60, /[^a-z0-9_]/g) || 'forbidden';
  const key = [who.kind === 'anonymous' ? 'anonymous' : who.userId, tenantId ?? 'vendor', method, path, code].join(' ');
  const coalescer = deps.coalescer ?? REFUSALS;
  const admitted = coalescer.admit(key, deps.clock.now().getTime());
  if (!admitted.write) return false;
  try {
    await withActor(deps.db, who, (tx) =>
      emitEvent(tx, {
        tenantId,
        kind: 'auth.refused',
        subject: `${method} ${path}`,
        payload: { method, path, code, suppressed: admitted.suppressed },
      }),
    );
    return true;
  } catch (error) {
    coalescer.failed(key, admitted.suppressed);
    console.error(`[trust-center] a refusal (${method} ${path}: ${code}) could not be recorded in the governance log`, error);
    return false;
  }
}
