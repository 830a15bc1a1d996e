// The governance log's speed, measured side by side in one run.
// Appends: 16 concurrent writers over 8 tenant chains on PostgreSQL, each append its own
// transaction through withActor as the app makes it, against the same writers each inserting
// one row in a write transaction through withActor (the same WAL flush at commit, the ceiling
// for any durable write); then the same appends crowded onto one
// chain, to show that chains do not wait for each other. Every chain is verified afterwards.
// Goal: at least 3,000 appends/s with every chain intact.
// Verify: an export of 200,000 events through the verifier, against only parsing its lines.
// Goal: at least 200,000 events/s.
import { isUtf8 } from 'node:buffer';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CustomerActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { createPostgresDatabase } from '@/lib/db/postgres';
import { withActor } from '@/lib/db/with-actor';
import type { Database } from '@/lib/db/types';
import { appendEvent } from '@/lib/governance/append';
import { exportLines } from '@/lib/governance/export';
import { canonical, chainName, checkpointMessage, eventLineText, lineText, LOG_FORMAT, LOG_FORMAT_VERSION, ZERO_HASH } from '@/lib/governance/format';
import { parseSigningKey, signMessage } from '@/lib/governance/signing-key';
import { verifyLog } from '@/lib/governance/verify';
import { nodeVerifyCrypto } from '@/lib/governance/verify-node';
import { scratchDatabase } from './support/scratch-database';

const WRITERS = 16;
const TENANTS = 8;
const PER_WRITER = 400;
const VERIFY_EVENTS = 200_000;

async function writers(people: CustomerActor[], write: (who: CustomerActor, i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const who = people[w % people.length];
      for (let i = 0; i < PER_WRITER; i++) await write(who, i);
    }),
  );
  return (WRITERS * PER_WRITER) / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function benchAppends(baseUrl: string) {
  const { url, admin, drop } = await scratchDatabase(baseUrl, 'trust_bench_governance');
  const people: CustomerActor[] = [];
  await admin.transaction(async (q) => {
    for (let t = 0; t < TENANTS; t++) {
      const [tenant] = await q.query<{ id: string }>(`INSERT INTO tenants (slug, legal_name) VALUES ($1, $2) RETURNING id`, [`bench-${t}`, `Bench ${t}`]);
      const [user] = await q.query<{ id: string }>(
        `INSERT INTO users (tenant_id, kind, role, email, name) VALUES ($1, 'customer', 'customer_admin', $2, 'Bench') RETURNING id`,
        [tenant.id, `admin@bench-${t}.example`],
      );
      people.push({
        kind: 'customer',
        userId: user.id,
        tenantId: tenant.id,
        email: `admin@bench-${t}.example`,
        name: 'Bench',
        role: 'customer_admin',
        tenantSlug: `bench-${t}`,
        tenantName: `Bench ${t}`,
      });
    }
  });
  // The ceiling: a one-row insert in a write transaction (it waits for the same WAL flush).
  await admin.transaction(async (q) => {
    await q.exec('CREATE TABLE bench_rows (id bigserial PRIMARY KEY, tenant_id uuid, body jsonb)');
    await q.exec('GRANT INSERT ON bench_rows TO trust_app; GRANT USAGE ON SEQUENCE bench_rows_id_seq TO trust_app');
  });
  await admin.close();
  const appUrl = new URL(url.href);
  appUrl.username = 'trust_app';
  const db: Database = createPostgresDatabase(appUrl.href, { max: WRITERS });

  const append = (who: CustomerActor, i: number, tenantId = who.tenantId) =>
    withActor(db, { ...who, tenantId }, (tx) =>
      appendEvent(tx, { tenantId, kind: 'lockbox.settings_changed', subject: `item-${i}`, reason: 'benchmark', payload: { i, writer: who.tenantSlug } }),
    );
  const insertRow = (who: CustomerActor, i: number) =>
    withActor(db, who, (tx) =>
      tx.execute(sql`insert into bench_rows (tenant_id, body) values (${who.tenantId}, ${JSON.stringify({ i, writer: who.tenantSlug })}::jsonb)`),
    );

  await writers(people, (who, i) => append(who, i)); // warm-up, and the events to verify below
  const plain = await writers(people, insertRow);
  const spread = await writers(people, (who, i) => append(who, i));
  const oneChain = await writers(people, (who, i) => append(people[0], i));

  // Every chain afterwards: export and verify each.
  const key = parseSigningKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'env');
  const clock = manualClock(new Date());
  let intact = 0;
  let events = 0;
  for (const who of people) {
    let text = '';
    for await (const line of exportLines(db, { tenantId: who.tenantId, tenant: null }, clock, key)) text += `${line}\n`;
    const result = await verifyLog(text, nodeVerifyCrypto, { publicKeys: [key.publicJwk] });
    if (!result.ok) throw new Error(`chain ${who.tenantSlug} does not verify: ${result.summary}`);
    intact++;
    events += result.events;
  }
  await db.close();
  await drop();

  console.log(`\nGovernance appends on PostgreSQL (${WRITERS} concurrent writers, ${WRITERS * PER_WRITER} transactions each way)`);
  console.log(`  one-row insert transaction (baseline)    ${plain.toFixed(0).padStart(7)} tx/s`);
  console.log(`  appends over ${TENANTS} chains                 ${spread.toFixed(0).padStart(7)} /s   ratio ${(spread / plain).toFixed(2)}x`);
  console.log(`  appends all on one chain                 ${oneChain.toFixed(0).padStart(7)} /s   ratio ${(oneChain / plain).toFixed(2)}x`);
  console.log(`  ${intact}/${TENANTS} chains verify (${events} events); goal ≥ 3000 appends/s over ${TENANTS} chains: ${spread >= 3000 ? 'met' : 'not met'}`);
}

/** A valid export of n events, built in memory the way the server would write it. */
function syntheticExport(n: number) {
  const key = parseSigningKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'env');
  const tenantId = '2b1e4a64-8c0e-4d6e-9a51-5b0f6e0a7c11';
  const chain = chainName(tenantId);
  const lines = [
    lineText({
      type: 'header',
      format: LOG_FORMAT,
      version: LOG_FORMAT_VERSION,
      chain,
      tenant: { id: tenantId, slug: 'bench', name: 'Bench' },
      exported_at: new Date().toISOString(),
      keys: { keys: [key.publicJwk] },
    }),
  ];
  let prev = ZERO_HASH;
  const t0 = Date.UTC(2026, 0, 1);
  for (let seq = 1; seq <= n; seq++) {
    const event = canonical({
      actor: 'c3a1f7de-5b7e-4f0e-8a6e-1d2c3b4a5f60',
      actor_kind: 'staff',
      chain,
      id: `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`,
      kind: 'support.tenant_data_read',
      payload: { records: seq % 7, request: '9e0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' },
      policy: 'lockbox approvals=1',
      reason: 'Reading the failed export for ticket SUP-1042',
      seq,
      subject: '9e0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      time: `${new Date(t0 + seq * 1000).toISOString().slice(0, 23)}000Z`,
    });
    prev = createHash('sha256').update(Buffer.from(prev, 'hex')).update(event).digest('hex');
    lines.push(eventLineText(event, prev));
    if (seq % 10_000 === 0 || seq === n) {
      const body = { chain, hash: prev, seq, time: new Date(t0 + seq * 1000).toISOString() };
      lines.push(lineText({ type: 'checkpoint', checkpoint: body, kid: key.kid, signature: signMessage(key, checkpointMessage(body)) }));
    }
  }
  return { text: `${lines.join('\n')}\n`, key };
}

async function benchVerify() {
  const { text, key } = syntheticExport(VERIFY_EVENTS);
  const bytes = Buffer.from(text, 'utf8');
  const parseOnly = () => {
    let count = 0;
    for (const line of bytes.toString('utf8').split('\n')) if (line) count += JSON.parse(line) ? 1 : 0;
    return count;
  };
  const rates = { parse: [] as number[], verify: [] as number[] };
  for (let round = 0; round < 4; round++) {
    let start = process.hrtime.bigint();
    parseOnly();
    if (round > 0) rates.parse.push(VERIFY_EVENTS / (Number(process.hrtime.bigint() - start) / 1e9));
    start = process.hrtime.bigint();
    const result = await verifyLog(isUtf8(bytes) ? bytes.toString('utf8') : bytes, nodeVerifyCrypto, { publicKeys: [key.publicJwk] });
    if (!result.ok) throw new Error(result.summary);
    if (round > 0) rates.verify.push(VERIFY_EVENTS / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  const best = (xs: number[]) => Math.max(...xs);
  const mb = bytes.length / 1e6;
  console.log(`\nGovernance log verification (${VERIFY_EVENTS} events, ${mb.toFixed(0)} MB, best of 3)`);
  console.log(`  JSON.parse of every line (baseline)      ${best(rates.parse).toFixed(0).padStart(8)} events/s`);
  console.log(
    `  full verification (as the CLI runs it)   ${best(rates.verify).toFixed(0).padStart(8)} events/s   ratio ${(best(rates.verify) / best(rates.parse)).toFixed(2)}x`,
  );
  console.log(`  goal ≥ 200000 events/s: ${best(rates.verify) >= 200_000 ? 'met' : 'not met'}`);
}

export async function benchGovernance(url: string) {
  await benchAppends(url);
  await benchVerify();
}
