import 'server-only';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { governanceActors, governanceCheckpoints, governanceEvents } from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';
import type { DbActor } from '@/lib/db/ctx';

/** A person or process named in the log; personal data comes from outside the hashes and may be erased. */
export interface ActorView {
  id: string;
  kind: string;
  name: string | null;
  email: string | null;
  erased: boolean;
}

export interface GovernanceEventView {
  id: string;
  seq: number;
  occurredAt: Date;
  kind: string;
  /** The actor's pseudonymous id, as in the export. */
  actorId: string | null;
  actorKind: string;
  subject: string;
  reason: string;
  policy: string;
  payload: Record<string, unknown>;
  hash: string;
}

export interface EventFilter {
  /** e.g. ['lockbox.', 'support.']: kinds starting with any of them. */
  kindPrefixes?: string[];
  actorKinds?: string[];
  /** Only events at or after `from` and before `to`. */
  from?: Date;
  to?: Date;
  /** Pages forward through the chain, oldest first; without it the newest come first. */
  after?: number;
  limit?: number;
  offset?: number;
}

/** The chain the actor may read: a customer's tenant chain, or the vendor chain for trust admins. */
function readableChain(actor: Actor): SQL {
  if (actor.kind === 'customer') return eq(governanceEvents.tenantId, actor.tenantId);
  if (actor.kind === 'staff' && actor.role === 'trust_admin') return isNull(governanceEvents.tenantId);
  throw new AppError('forbidden', 'Only a tenant’s users and trust admins read a governance log.', 403);
}

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

/** The events of the actor's chain that match the filter, with the people they name. */
export async function listEvents(
  { db, actor }: DbActor<Actor>,
  { kindPrefixes = [], actorKinds = [], from, to, after, limit = 50, offset = 0 }: EventFilter = {},
): Promise<{ total: number; events: GovernanceEventView[]; actors: Map<string, ActorView> }> {
  const where = and(
    readableChain(actor),
    isNotNull(governanceEvents.seq),
    kindPrefixes.length ? or(...kindPrefixes.map((p) => like(governanceEvents.kind, `${escapeLike(p)}%`))) : undefined,
    actorKinds.length ? inArray(governanceEvents.actorKind, actorKinds) : undefined,
    from ? gte(governanceEvents.occurredAt, from) : undefined,
    to ? lt(governanceEvents.occurredAt, to) : undefined,
    after === undefined ? undefined : gt(governanceEvents.seq, after),
  );
  return withActor(
    db,
    actor,
    async (tx) => {
      const rows = await tx
        .select()
        .from(governanceEvents)
        .where(where)
        .orderBy(after === undefined ? desc(governanceEvents.seq) : asc(governanceEvents.seq))
        .limit(Math.min(Math.max(limit, 1), 200))
        .offset(Math.max(offset, 0));
      const events = rows.map((e): GovernanceEventView => ({
        id: e.id,
        seq: e.seq!,
        occurredAt: e.occurredAt,
        kind: e.kind,
        actorId: e.actorId,
        actorKind: e.actorKind,
        subject: e.subject,
        reason: e.reason,
        policy: e.policy,
        payload: e.payload as Record<string, unknown>,
        hash: Buffer.from(e.hash!).toString('hex'),
      }));
      const named = new Set<string>();
      for (const e of events) {
        if (e.actorId) named.add(e.actorId);
        if (typeof e.payload.user === 'string') named.add(e.payload.user);
      }
      const people = named.size
        ? await tx
            .select()
            .from(governanceActors)
            .where(inArray(governanceActors.id, [...named]))
        : [];
      return {
        total: await tx.$count(governanceEvents, where),
        events,
        actors: new Map(people.map((a) => [a.id, { id: a.id, kind: a.actorKind, name: a.name, email: a.email, erased: a.erasedAt !== null }])),
      };
    },
    { readOnly: true },
  );
}

export interface ChainStatus {
  events: number;
  head: { seq: number; hash: string; at: Date } | null;
  checkpoint: { seq: number; time: string; kid: string } | null;
}

/** How long the actor's chain is, its head and its newest signed checkpoint. */
export async function chainStatus(db: DbHandle, actor: Actor): Promise<ChainStatus> {
  const chain = readableChain(actor);
  return withActor(
    db,
    actor,
    async (tx) => {
      const [head] = await tx
        .select({ seq: governanceEvents.seq, hash: governanceEvents.hash, at: governanceEvents.occurredAt })
        .from(governanceEvents)
        .where(and(chain, isNotNull(governanceEvents.seq)))
        .orderBy(desc(governanceEvents.seq))
        .limit(1);
      const [checkpoint] = await tx
        .select({ seq: governanceCheckpoints.seq, time: governanceCheckpoints.signedTime, kid: governanceCheckpoints.kid })
        .from(governanceCheckpoints)
        .where(actor.kind === 'customer' ? eq(governanceCheckpoints.tenantId, actor.tenantId) : isNull(governanceCheckpoints.tenantId))
        .orderBy(desc(governanceCheckpoints.seq), desc(sql`${governanceCheckpoints.createdAt}`))
        .limit(1);
      return {
        events: head?.seq ?? 0,
        head: head ? { seq: head.seq!, hash: Buffer.from(head.hash!).toString('hex'), at: head.at } : null,
        checkpoint: checkpoint ?? null,
      };
    },
    { readOnly: true },
  );
}
