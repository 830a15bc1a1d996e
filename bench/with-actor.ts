// The cost of withActor (transaction + RLS context + trust_app) against a plain primary-key
// select, on PostgreSQL, measured side by side in one run. Goal: read path at most 1.3x.
// Latency is serial, so the figures are dominated by per-message CPU on both ends (loopback
// has next to no wire latency); the ratios are stable from run to run, the microseconds not.
import postgres from 'postgres';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { tenantRecords } from '@/drizzle/schema';
import type { CustomerActor } from '@/lib/core/actor';
import { createPostgresDatabase, drizzleOn } from '@/lib/db/postgres';
import { withActor } from '@/lib/db/with-actor';
import { seedDemoData } from '@/lib/seed/seed';
import { median } from './support/stats';
import { scratchDatabase } from './support/scratch-database';

const ROUNDS = 10;
// One connection per pool: a serial loop then always meets the same warm server process, on
// both sides. (postgres.js hands out pooled connections in turn, and alternating between
// server processes costs more than anything measured here.)
const POOL = 1;
const PER_ROUND = 400;

export async function benchWithActor(baseUrl: string) {
  const { url, admin, drop } = await scratchDatabase(baseUrl, 'trust_bench');
  await seedDemoData(admin);
  const [carolRow] = await admin.transaction((q) =>
    q.query<{ user_id: string; tenant_id: string; record_id: string }>(
      `SELECT u.id AS user_id, u.tenant_id, r.id AS record_id FROM users u JOIN tenant_records r ON r.tenant_id = u.tenant_id
       WHERE u.email = 'carol@acme.example' LIMIT 1`,
    ),
  );
  await admin.close();

  const carol: CustomerActor = {
    kind: 'customer',
    userId: carolRow.user_id,
    tenantId: carolRow.tenant_id,
    email: 'carol@acme.example',
    name: 'Carol',
    role: 'customer_admin',
    tenantSlug: 'acme',
    tenantName: 'Acme Corp',
  };
  const recordId = carolRow.record_id;

  // Baseline: the same drizzle select, on the same driver set-up, straight on a pool with no
  // transaction (as superuser, so RLS does not hide the row).
  const plainClient = postgres(url.href, { max: POOL, onnotice: () => {} });
  const plain = drizzleOn(plainClient);
  // The app as in production: connected as trust_app.
  const appUrl = new URL(url.href);
  appUrl.username = 'trust_app';
  const app = createPostgresDatabase(appUrl.href, { max: POOL });

  const naive = drizzle({ client: plainClient });
  const selectRecord = (db: typeof plain) => db.select().from(tenantRecords).where(eq(tenantRecords.id, recordId));
  const variants: Record<string, () => Promise<unknown[]>> = {
    'plain pk select': () => selectRecord(plain),
    'withActor, read-only': () => withActor(app, carol, (tx) => selectRecord(tx as never), { readOnly: true }),
    'withActor, read-write': () => withActor(app, carol, (tx) => selectRecord(tx as never)),
    "drizzle's default (unprepared) pk select": () => selectRecord(naive),
    'naive begin/set_config/select/commit': () =>
      naive.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('role', 'trust_app', true), set_config('app.tenant_id', ${carol.tenantId}, true), set_config('app.actor_id', ${carol.userId}, true), set_config('app.actor_kind', 'customer', true)`,
        );
        return selectRecord(tx as never);
      }),
  };

  for (const [label, run] of Object.entries(variants)) {
    const rows = await run();
    if (rows.length !== 1) throw new Error(`${label} returned ${rows.length} rows instead of 1`);
    for (let i = 0; i < 300; i++) await run();
  }
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, run] of Object.entries(variants)) {
      for (let i = 0; i < PER_ROUND; i++) {
        const start = process.hrtime.bigint();
        await run();
        samples[label].push(Number(process.hrtime.bigint() - start) / 1000);
      }
    }
  }

  const base = median(samples['plain pk select']);
  console.log(`\nwithActor on PostgreSQL (${ROUNDS * PER_ROUND} calls each, interleaved rounds, median latency)`);
  for (const [label, values] of Object.entries(samples)) {
    const m = median(values);
    console.log(`  ${label.padEnd(40)} ${m.toFixed(1).padStart(7)} µs   ratio ${(m / base).toFixed(2)}x`);
  }
  const ratio = median(samples['withActor, read-only']) / base;
  const naiveRatio = median(samples['naive begin/set_config/select/commit']) / base;
  console.log(
    `  withActor read path: ${ratio.toFixed(2)}x the plain select (goal ≤ 1.30x: ${ratio <= 1.3 ? 'met' : 'not met'}); naive: ${naiveRatio.toFixed(2)}x`,
  );

  await Promise.all([plainClient.end(), app.close()]);
  await drop();
  return ratio;
}
