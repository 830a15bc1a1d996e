import 'server-only';
import { sql } from 'drizzle-orm';
import { GOVERNANCE } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { queryRows } from '@/lib/db/raw';
import type { Database, Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { chainName, checkpointMessage, type PublicJwk, ZERO_HASH } from './format';
import { type SigningKey, signingKey, signMessage } from './signing-key';
import { nodeVerifyCrypto } from './verify-node';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** Lists the key so that anyone can fetch it; keys stay listed after rotation. Only trust_signer may. */
async function registerKey(tx: Tx, key: SigningKey): Promise<void> {
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

export interface CheckpointRow {
  id: string;
  seq: string | number;
  hash: string;
  signed_time: string;
  kid: string;
  signature: string;
}

/** Whether a recorded checkpoint is what one of the keys signed for this chain. */
export function isGenuine(c: CheckpointRow, tenantId: string | null, keys: PublicJwk[]): boolean {
  const key = keys.find((k) => k.kid === c.kid);
  if (!key) return false;
  const message = checkpointMessage({ chain: chainName(tenantId), hash: c.hash, seq: Number(c.seq), time: c.signed_time });
  return nodeVerifyCrypto.verifySignature(key, message, c.signature) === true;
}

/** The chain's checkpoints up to seq, in the order an export lists them. */
export function checkpointsUpTo(tx: Tx, tenantId: string | null, seq: number): Promise<CheckpointRow[]> {
  return queryRows<CheckpointRow>(
    tx,
    sql`select id, seq, encode(hash, 'hex') as hash, signed_time, kid, signature from governance_checkpoints
        where coalesce(tenant_id, ${ZERO_UUID}::uuid) = ${tenantId ?? ZERO_UUID}::uuid and seq <= ${seq}
        order by seq, created_at, id`,
  );
}

/**
 * Signs the chain's head, as trust_signer (the only role that may record a checkpoint), unless
 * a genuine checkpoint by the current key already covers it.
 */
export async function checkpointHead(db: Database, tenantId: string | null, clock: Clock, key = signingKey()): Promise<{ seq: number; hash: string }> {
  return withActor(db.signer(), GOVERNANCE, async (tx) => {
    const [head] = await queryRows<{ seq: string | number; hash: string }>(
      tx,
      sql`select seq, encode(hash, 'hex') as hash from governance_chain_heads where chain = ${tenantId ?? ZERO_UUID}::uuid`,
    );
    const at = head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: ZERO_HASH };
    const covering = await queryRows<CheckpointRow>(
      tx,
      sql`select id, seq, encode(hash, 'hex') as hash, signed_time, kid, signature from governance_checkpoints
          where coalesce(tenant_id, ${ZERO_UUID}::uuid) = ${tenantId ?? ZERO_UUID}::uuid and seq = ${at.seq} and kid = ${key.kid}`,
    );
    if (covering.some((c) => isGenuine(c, tenantId, [key.publicJwk]))) return at;
    await registerKey(tx, key);
    const time = clock.now().toISOString();
    const signature = signMessage(key, checkpointMessage({ chain: chainName(tenantId), hash: at.hash, seq: at.seq, time }));
    await tx.execute(sql`select id from record_governance_checkpoint(${tenantId}::uuid, ${at.seq}, ${time}, ${key.kid}, ${signature})`);
    return at;
  });
}

/** Signs the head of every chain that has moved since its last checkpoint. */
export async function checkpointMovedChains(db: Database, clock: Clock): Promise<number> {
  const moved = await withActor(db.signer(), GOVERNANCE, (tx) =>
    queryRows<{ tenant_id: string | null }>(
      tx,
      sql`select nullif(h.chain, ${ZERO_UUID}::uuid) as tenant_id from governance_chain_heads h
          where h.seq > coalesce((select max(c.seq) from governance_checkpoints c
                                  where coalesce(c.tenant_id, ${ZERO_UUID}::uuid) = h.chain), -1)`,
    ),
  );
  for (const { tenant_id } of moved) await checkpointHead(db, tenant_id, clock);
  return moved.length;
}

/** Checkpoints moved chains now and every minute after, so a head is never long unsigned. */
export function startCheckpoints(database: () => Promise<Database>, clock: Clock, intervalMs = 60_000): void {
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
