import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/raw';
import type { Tx } from '@/lib/db/types';
import { type ChainName, chainName, checkpointMessage, type PublicJwk, ZERO_HASH } from '@/lib/governance/format';
import { nodeVerifyCrypto } from '@/lib/governance/verify-node';
import type { Finding } from './findings';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
/** Inlined, not a parameter: it must read exactly as in the index on (coalesce(tenant_id, ...), seq). */
const ZERO = sql.raw(`'${ZERO_UUID}'::uuid`);

/** A chain's head and the newest event it names, as stored. */
export interface HeadFacts {
  chain: ChainName;
  headSeq: number;
  headHash: string;
  headUpdatedAt: Date;
  /** The event at the head's seq, if any: its canonical text (governance_event_json), prev_hash and hash. */
  event: { canonical: string; prevHash: string; hash: string } | null;
  /** The highest seq stored for the chain. */
  maxSeq: number;
  /** The newest checkpoint of the chain, with the key it names and the hash its event holds now. */
  checkpoint: { seq: number; hash: string; time: string; kid: string; signature: string; key: PublicJwk | null; eventHash: string | null } | null;
}

export interface ChainFacts {
  heads: HeadFacts[];
  /** Chains that hold events but have no head. */
  headless: ChainName[];
}

const chainOf = (tenantId: string | null) => chainName(tenantId === ZERO_UUID ? null : tenantId);

/**
 * The newest event and checkpoint of every chain: a cheap check of what an append leaves
 * behind, not a full verification (that is `trust audit export` then `audit verify`).
 */
export async function gatherChainFacts(tx: Tx): Promise<ChainFacts> {
  const heads = await queryRows<{
    chain: string;
    head_seq: string;
    head_hash: string;
    updated_ms: string;
    canonical: string | null;
    prev_hash: string | null;
    event_hash: string | null;
    max_seq: string;
  }>(
    tx,
    sql`select h.chain::text as chain, h.seq::text as head_seq, encode(h.hash, 'hex') as head_hash, (extract(epoch from h.updated_at) * 1000)::bigint::text as updated_ms,
          governance_event_json(e) as canonical, encode(e.prev_hash, 'hex') as prev_hash, encode(e.hash, 'hex') as event_hash,
          coalesce((select max(x.seq) from governance_events x
                    where coalesce(x.tenant_id, ${ZERO}) = h.chain), 0)::text as max_seq
        from governance_chain_heads h
        left join governance_events e on coalesce(e.tenant_id, ${ZERO}) = h.chain and e.seq = h.seq
        order by h.chain`,
  );
  const checkpoints = await queryRows<{
    chain: string;
    seq: string;
    hash: string;
    time: string;
    kid: string;
    signature: string;
    key: PublicJwk | string | null;
    event_hash: string | null;
  }>(
    tx,
    sql`select distinct on (coalesce(c.tenant_id, ${ZERO}))
          coalesce(c.tenant_id, ${ZERO})::text as chain, c.seq::text as seq, encode(c.hash, 'hex') as hash,
          c.signed_time as time, c.kid, c.signature, k.public_jwk as key, encode(e.hash, 'hex') as event_hash
        from governance_checkpoints c
        left join governance_signing_keys k on k.kid = c.kid
        left join governance_events e on coalesce(e.tenant_id, ${ZERO}) = coalesce(c.tenant_id, ${ZERO}) and e.seq = c.seq
        order by coalesce(c.tenant_id, ${ZERO}), c.seq desc, c.created_at desc`,
  );
  const headless = await queryRows<{ chain: string }>(
    tx,
    sql`select distinct coalesce(e.tenant_id, ${ZERO})::text as chain from governance_events e
        where not exists (select 1 from governance_chain_heads h where h.chain = coalesce(e.tenant_id, ${ZERO}))`,
  );
  return {
    heads: heads.map((h) => {
      const c = checkpoints.find((c) => c.chain === h.chain);
      return {
        chain: chainOf(h.chain),
        headSeq: Number(h.head_seq),
        headHash: h.head_hash,
        headUpdatedAt: new Date(Number(h.updated_ms)),
        event: h.canonical === null ? null : { canonical: h.canonical, prevHash: h.prev_hash!, hash: h.event_hash! },
        maxSeq: Number(h.max_seq),
        checkpoint: c
          ? {
              seq: Number(c.seq),
              hash: c.hash,
              time: c.time,
              kid: c.kid,
              signature: c.signature,
              key: typeof c.key === 'string' ? (JSON.parse(c.key) as PublicJwk) : c.key,
              eventHash: c.event_hash,
            }
          : null,
      };
    }),
    headless: headless.map((h) => chainOf(h.chain)),
  };
}

/** How long a moved head may stay unsigned: the server signs moved heads every minute. */
export const CHECKPOINT_LAG_MS = 60 * 60_000;

const tamper = (chain: ChainName, title: string, found: string): Finding => ({
  id: 'db/chain-tampered',
  severity: 'high',
  subject: chain,
  title,
  found,
  fix: 'Treat it as an incident: export the chain (`npm run trust -- audit export`), run `audit verify` against the last export your customers hold, and find out who wrote to the database outside the app.',
});

const short = (hex: string) => `${hex.slice(0, 16)}…`;

/** What is wrong with the newest event and the head, in words, or null. */
function headProblem(h: HeadFacts): [title: string, found: string] | null {
  if (!h.event) {
    if (h.headSeq === 0) return null;
    return [`The newest event of ${h.chain} is missing`, `The head of ${h.chain} names event ${h.headSeq}, which is not in governance_events: it was deleted.`];
  }
  const recomputed = nodeVerifyCrypto.chainHash(h.event.prevHash, h.event.canonical);
  if (recomputed !== h.event.hash) {
    return [
      `The newest event of ${h.chain} was changed after it was appended`,
      `Event ${h.headSeq} of ${h.chain} no longer hashes to its stored hash (stored ${short(h.event.hash)}, recomputed ${short(recomputed)}).`,
    ];
  }
  if (h.event.hash !== h.headHash) {
    return [
      `The head of ${h.chain} does not match its newest event`,
      `The head of ${h.chain} holds ${short(h.headHash)}; event ${h.headSeq} holds ${short(h.event.hash)}.`,
    ];
  }
  return null;
}

/** What is wrong with the newest checkpoint, in words, or null. */
function checkpointProblem(h: HeadFacts): [title: string, found: string] | null {
  const c = h.checkpoint;
  if (!c) return null;
  const now = c.seq === 0 ? ZERO_HASH : c.eventHash;
  if (now !== c.hash) {
    return [
      `${h.chain} no longer matches its newest checkpoint`,
      `The checkpoint at event ${c.seq} of ${h.chain} signed ${short(c.hash)}; the event now holds ${now ? short(now) : 'nothing (it was deleted)'}.`,
    ];
  }
  const message = checkpointMessage({ chain: h.chain, hash: c.hash, seq: c.seq, time: c.time });
  if (!c.key)
    return [
      `The newest checkpoint of ${h.chain} names an unknown key`,
      `The checkpoint at event ${c.seq} of ${h.chain} names key ${c.kid}, which is not listed.`,
    ];
  if (!nodeVerifyCrypto.verifySignature(c.key, message, c.signature)) {
    return [`The newest checkpoint of ${h.chain} is not validly signed`, `The checkpoint at event ${c.seq} of ${h.chain} does not verify under key ${c.kid}.`];
  }
  return null;
}

function headFindings(h: HeadFacts, now: Date): Finding[] {
  const problems = [headProblem(h), checkpointProblem(h)];
  if (h.maxSeq > h.headSeq) {
    problems.push([
      `${h.chain} holds events past its head`,
      `${h.chain} holds events up to ${h.maxSeq} but its head is at ${h.headSeq}: they were written without append_governance_event().`,
    ]);
  }
  const findings = problems.flatMap((p) => (p ? [tamper(h.chain, ...p)] : []));
  const unsignedFor = now.getTime() - h.headUpdatedAt.getTime();
  const signedSeq = h.checkpoint?.seq ?? 0;
  if (signedSeq < h.headSeq && unsignedFor > CHECKPOINT_LAG_MS) {
    findings.push({
      id: 'db/chain-unsigned',
      severity: 'low',
      subject: h.chain,
      title: `The head of ${h.chain} has not been signed for ${Math.floor(unsignedFor / 3_600_000)} hour(s)`,
      found: `${h.chain} is at event ${h.headSeq}; its newest checkpoint covers ${h.checkpoint ? `event ${signedSeq}` : 'nothing'}. A running server signs moved heads every minute.`,
      fix: 'Check that the server is running and that its signing key works (see config/signing-key*); the server log names a failing checkpoint.',
    });
  }
  return findings;
}

export function chainFindings(facts: ChainFacts, now: Date): Finding[] {
  const findings = [
    ...facts.heads.flatMap((h) => headFindings(h, now)),
    ...facts.headless.map((chain) =>
      tamper(
        chain,
        `${chain} holds events but has no head`,
        `${chain} has events in governance_events and no row in governance_chain_heads: they were written without append_governance_event().`,
      ),
    ),
  ];
  if (!findings.some((f) => f.id === 'db/chain-tampered')) {
    findings.push({
      id: 'db/chains-checked',
      severity: 'info',
      title: facts.heads.length ? `The newest event and checkpoint of ${facts.heads.length} chain(s) are intact` : 'No governance chain holds events yet',
      found: 'Each head matches its newest event, which hashes to its stored hash; each newest checkpoint matches its event and verifies.',
      fix: 'Nothing to do. This checks the ends of the chains only: `npm run trust -- audit export --tenant <slug>` then `audit verify` checks a whole chain.',
    });
  }
  return findings;
}
