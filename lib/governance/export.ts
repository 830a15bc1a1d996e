import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { tenants } from '@/drizzle/schema';
import { type Actor, GOVERNANCE } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { queryRows } from '@/lib/db/raw';
import type { Database } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { AppError } from '@/lib/core/errors';
import { emitEvent } from './emit';
import { type CheckpointRow, checkpointHead, checkpointsUpTo, isGenuine, publicKeys } from './checkpoints';
import { signingKey } from './signing-key';
import { chainName, eventLineText, type HeaderLine, LOG_FORMAT, LOG_FORMAT_VERSION, lineText } from './format';
import type { DbActor } from '@/lib/db/ctx';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const BATCH = 2000;

export interface ExportTarget {
  tenantId: string | null;
  tenant: HeaderLine['tenant'];
}

/**
 * The chain as JSON Lines (docs/governance-log.md): a header, every event with the checkpoints
 * after the event they vouch for, then the actors' personal data. The head is signed first, so
 * the export always ends on a checkpoint. A recorded checkpoint that none of the published keys
 * signed is an attack on the log: it is left out (so the chain still verifies) and reported,
 * in the server's log and once in the chain itself (governance.checkpoint_rejected).
 */
export async function* exportLines(db: Database, target: ExportTarget, clock: Clock, key = signingKey()): AsyncGenerator<string> {
  const chain = chainName(target.tenantId);
  const chainKey = target.tenantId ?? ZERO_UUID;
  const head = await checkpointHead(db, target.tenantId, clock, key);
  const keys = await publicKeys(db, key);
  const recorded = await withActor(db, GOVERNANCE, (tx) => checkpointsUpTo(tx, target.tenantId, head.seq), { readOnly: true });
  const checkpoints = recorded.filter((c) => isGenuine(c, target.tenantId, keys.keys));
  const forged = recorded.filter((c) => !checkpoints.includes(c));
  if (forged.length > 0) await reportForgedCheckpoints(db, target.tenantId, forged);
  yield lineText({
    type: 'header',
    format: LOG_FORMAT,
    version: LOG_FORMAT_VERSION,
    chain,
    tenant: target.tenant,
    exported_at: clock.now().toISOString(),
    keys,
  });
  let next = 0;
  function* checkpointLines(seq: number) {
    while (next < checkpoints.length && Number(checkpoints[next].seq) <= seq) {
      const c = checkpoints[next++];
      yield lineText({
        type: 'checkpoint',
        checkpoint: { chain, hash: c.hash, seq: Number(c.seq), time: c.signed_time },
        kid: c.kid,
        signature: c.signature,
      });
    }
  }
  yield* checkpointLines(0);
  for (let after = 0; after < head.seq;) {
    const rows = await withActor(
      db,
      GOVERNANCE,
      (tx) =>
        queryRows<{ seq: string | number; json: string; hash: string }>(
          tx,
          sql`select e.seq, governance_event_json(e) as json, encode(e.hash, 'hex') as hash from governance_events e
              where coalesce(e.tenant_id, ${ZERO_UUID}::uuid) = ${chainKey}::uuid and e.seq > ${after} and e.seq <= ${head.seq}
              order by e.seq limit ${BATCH}`,
        ),
      { readOnly: true },
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      yield eventLineText(row.json, row.hash);
      yield* checkpointLines(Number(row.seq));
    }
    after = Number(rows[rows.length - 1].seq);
  }
  const actors = await withActor(
    db,
    GOVERNANCE,
    (tx) =>
      queryRows<{ id: string; actor_kind: string; name: string | null; email: string | null; erased_at: unknown }>(
        tx,
        sql`select a.id, a.actor_kind, a.name, a.email, a.erased_at from governance_actors a
            where a.id in (select distinct e.actor_id from governance_events e
                           where coalesce(e.tenant_id, ${ZERO_UUID}::uuid) = ${chainKey}::uuid and e.seq <= ${head.seq})
               or a.id::text in (select distinct e.payload ->> 'user' from governance_events e
                                 where coalesce(e.tenant_id, ${ZERO_UUID}::uuid) = ${chainKey}::uuid and e.seq <= ${head.seq})
            order by a.id`,
      ),
    { readOnly: true },
  );
  for (const a of actors) {
    yield lineText({ type: 'actor', id: a.id, kind: a.actor_kind, name: a.name, email: a.email, erased: a.erased_at !== null });
  }
}

/** The chain a signed-in person may export: a customer's tenant, or the vendor chain for trust admins. */
export function exportTargetOf(actor: Actor): ExportTarget {
  if (actor.kind === 'customer') {
    return { tenantId: actor.tenantId, tenant: { id: actor.tenantId, slug: actor.tenantSlug, name: actor.tenantName } };
  }
  if (actor.kind === 'staff' && actor.role === 'trust_admin') return { tenantId: null, tenant: null };
  throw new AppError('forbidden', 'Only a tenant’s users and trust admins export a governance log.', 403);
}

/** Each forged checkpoint once in the chain it claims to vouch for, and every time in the server's log. */
async function reportForgedCheckpoints(db: Database, tenantId: string | null, forged: CheckpointRow[]) {
  console.error(
    `[trust-center] ${chainName(tenantId)} holds ${forged.length} checkpoint(s) that no published key signed; they are left out of exports. ` +
      'Someone wrote to governance_checkpoints without the signing key: treat it as an attack on the log.',
  );
  await withActor(db, GOVERNANCE, async (tx) => {
    const reported = await queryRows<{ checkpoint: string }>(
      tx,
      sql`select payload ->> 'checkpoint' as checkpoint from governance_events
          where coalesce(tenant_id, ${ZERO_UUID}::uuid) = ${tenantId ?? ZERO_UUID}::uuid and kind = 'governance.checkpoint_rejected'`,
    );
    const known = new Set(reported.map((r) => r.checkpoint));
    for (const c of forged.filter((f) => !known.has(f.id))) {
      await emitEvent(tx, {
        tenantId,
        kind: 'governance.checkpoint_rejected',
        subject: c.id,
        payload: { checkpoint: c.id, seq: Number(c.seq), kid: c.kid },
      });
    }
  });
}

/** Records that the actor exported their chain, in the chain itself, before the export is read. */
export async function recordExport({ db, actor }: DbActor<Actor>, via: 'console' | 'api'): Promise<ExportTarget> {
  const target = exportTargetOf(actor);
  await withActor(db, actor, (tx) =>
    emitEvent(tx, { tenantId: target.tenantId, kind: 'governance.log_exported', subject: chainName(target.tenantId), payload: { via } }),
  );
  return target;
}

/** The operator's export (CLI): any chain, recorded as the log's own machinery. */
export async function recordOperatorExport(db: DbHandle, target: ExportTarget): Promise<void> {
  await withActor(db, GOVERNANCE, (tx) =>
    emitEvent(tx, { tenantId: target.tenantId, kind: 'governance.log_exported', subject: chainName(target.tenantId), payload: { via: 'cli' } }),
  );
}

/** The chain an operator names on the command line: a tenant's slug, or null for the vendor chain. */
export async function operatorExportTarget(db: DbHandle, slug: string | null): Promise<ExportTarget> {
  if (slug === null) return { tenantId: null, tenant: null };
  const [tenant] = await withActor(
    db,
    GOVERNANCE,
    (tx) => tx.select({ id: tenants.id, slug: tenants.slug, name: tenants.legalName }).from(tenants).where(eq(tenants.slug, slug)),
    { readOnly: true },
  );
  if (!tenant) throw new AppError('not_found', `There is no tenant with the slug “${slug}”.`, 404);
  return { tenantId: tenant.id, tenant };
}

/** e.g. `governance-log-acme-2026-11-24.jsonl`. */
export function exportFileName(target: ExportTarget, at: Date): string {
  return `governance-log-${target.tenant?.slug ?? 'vendor'}-${at.toISOString().slice(0, 10)}.jsonl`;
}
