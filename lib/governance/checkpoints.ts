import 'server-only';
import { sql } from 'drizzle-orm';
import { GOVERNANCE } from '@/lib/auth/actor';
import type { Clock } from '@/lib/clock';
import { queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { chainName, checkpointMessage, type PublicJwk, ZERO_HASH } from './format';
import { type SigningKey, signingKey, signMessage } from './signing-key';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** Lists the key so that anyone can fetch it; keys stay listed after rotation. */
export async function registerKey(tx: Tx, key: SigningKey): Promise<void> {
  await tx.execute(
    sql`insert into governance_signing_keys (kid, public_jwk) values (${key.kid}, ${JSON.stringify(key.publicJwk)}::jsonb) on conflict (kid) do nothing`,
  );
}

/** Every key that has signed checkpoints, oldest first, and the current one (a JWK set). */
export async function publicKeys(db: DbHandle, current = signingKey()): Promise<{ keys: PublicJwk[] }> {
  const rows = await withActor(db, GOVERNANCE, (tx) =>
    queryRows<{ public_jwk: PublicJwk }>(tx, sql`select public_jwk from governance_signing_keys order by created_at, kid`),
  );
  const keys = rows.map((r) => r.public_jwk);
  return { keys: keys.some((k) => k.kid === current.kid) ? keys : [...keys, current.publicJwk] };
}

/**
 * Signs the chain's head unless the newest checkpoint already covers it with the current key.
 * Runs in the caller's transaction (as the governance actor).
 */
export async function checkpointHead(tx: Tx, tenantId: string | null, clock: Clock, key = signingKey()): Promise<{ seq: number; hash: string }> {
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    tx,
    sql`select seq, encode(hash, 'hex') as hash from governance_chain_heads where chain = ${tenantId ?? ZERO_UUID}::uuid`,
  );
  const at = head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: ZERO_HASH };
  const [covered] = await queryRows<{ one: number }>(
    tx,
    sql`select 1 as one from governance_checkpoints
        where coalesce(tenant_id, ${ZERO_UUID}::uuid) = ${tenantId ?? ZERO_UUID}::uuid and seq = ${at.seq} and kid = ${key.kid} limit 1`,
  );
  if (covered) return at;
  await registerKey(tx, key);
  const time = clock.now().toISOString();
  const signature = signMessage(key, checkpointMessage({ chain: chainName(tenantId), hash: at.hash, seq: at.seq, time }));
  await tx.execute(sql`select id from record_governance_checkpoint(${tenantId}::uuid, ${at.seq}, ${time}, ${key.kid}, ${signature})`);
  return at;
}

/** Signs the head of every chain that has moved since its last checkpoint. */
export async function checkpointMovedChains(db: DbHandle, clock: Clock): Promise<number> {
  const moved = await withActor(db, GOVERNANCE, (tx) =>
    queryRows<{ tenant_id: string | null }>(
      tx,
      sql`select nullif(h.chain, ${ZERO_UUID}::uuid) as tenant_id from governance_chain_heads h
          where h.seq > coalesce((select max(c.seq) from governance_checkpoints c
                                  where coalesce(c.tenant_id, ${ZERO_UUID}::uuid) = h.chain), -1)`,
    ),
  );
  for (const { tenant_id } of moved) {
    await withActor(db, GOVERNANCE, (tx) => checkpointHead(tx, tenant_id, clock));
  }
  return moved.length;
}

/** Checkpoints moved chains now and every minute after, so a head is never long unsigned. */
export function startCheckpoints(database: () => Promise<DbHandle>, clock: Clock, intervalMs = 60_000): void {
  const run = async () => {
    try {
      await checkpointMovedChains(await database(), clock);
    } catch (error) {
      console.error('[trust-center] signing governance checkpoints failed; it will be tried again', error);
    }
  };
  void run();
  setInterval(run, intervalMs).unref();
}
