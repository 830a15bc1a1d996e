import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@/lib/core/canonical-json';
import { manualClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { appendEvent } from '@/lib/governance/append';
import { checkpointHead } from '@/lib/governance/checkpoints';
import { operatorExportTarget, recordExport, recordOperatorExport } from '@/lib/governance/export';
import { checkpointMessage, type LogEvent } from '@/lib/governance/format';
import { verifyLog, type VerifyOptions } from '@/lib/governance/verify';
import { browserVerifyCrypto } from '@/lib/governance/verify-browser';
import { describeEachDatabase } from '../helpers/databases';
import { createCustomer, createStaff, createTenant } from '../helpers/factories';
import { exportText, newSigningKey, tenantTarget, verifyText } from '../helpers/governance';
import { adminRows, asCustomer, tryInSql } from '../helpers/lockbox';

const TRICKY_PAYLOADS: unknown[] = [
  {},
  { b: 1, a: [true, false, null], A: 'x', _z: { y: -9007199254740991, x: 9007199254740991 } },
  { text: 'quote " backslash \\ slash / tab \t newline \n cr \r bell \u0007 nul-ish \u001f del \u007f' },
  { text: 'é ü ß 中文 😀 \u2028 \u2029 \ufeff' },
  { nested: [[], {}, [{ k: [0, -1, 1] }]], empty: '' },
];

/** A line of an export: an event with its hash, or the person behind a pseudonym. */
type ExportLine = { type: string; event: LogEvent; id?: string; email?: string };

describeEachDatabase('governance log chain', (t) => {
  const key = newSigningKey();
  const clock = manualClock(new Date());
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let carol: Awaited<ReturnType<typeof createCustomer>>;

  const append = (payload: Record<string, unknown> = {}, kind = 'privacy.data_exported') =>
    withActor(t().db, carol, (tx) => appendEvent(tx, { tenantId: tenant.id, kind, subject: 'subject-1', reason: 'because', payload }));

  beforeAll(async () => {
    tenant = await createTenant(t().admin, 'Chain Corp');
    carol = await createCustomer(t().admin, tenant, 'customer_admin');
    const bob = await createStaff(t().admin, 'support');
    for (const payload of TRICKY_PAYLOADS) await append(payload as Record<string, unknown>);
    await withActor(t().db, { ...bob, actingOnTenantId: tenant.id }, (tx) =>
      appendEvent(tx, { tenantId: tenant.id, kind: 'privacy.data_exported', subject: 'x', aboutUserId: carol.userId, policy: 'test v2' }),
    );
  });

  it('computes canonical JSON in SQL exactly as RFC 8785 (the canonicalize package)', async () => {
    for (const payload of TRICKY_PAYLOADS) {
      const [row] = await adminRows<{ c: string }>(t(), 'select governance_canonical($1::text::jsonb) as c', [JSON.stringify(payload)]);
      expect(row.c).toBe(canonicalJson(payload));
    }
    for (const bad of ['{"x": 1.5}', '{"x": 9007199254740992}', '{"a-b": 1}', '{"é": 1}']) {
      await expect(adminRows(t(), 'select governance_canonical($1::text::jsonb)', [bad]), bad).rejects.toSatisfy((e) => pgErrorCode(e) === '22023');
    }
  });

  it('exports a chain that verifies, naming pseudonyms and keeping personal data outside the hashes', async () => {
    const text = await exportText(t().db, tenantTarget(tenant), clock, key);
    const result = await verifyText(text, { publicKeys: [key.publicJwk] });
    expect(result.summary).toMatch(/^OK tenant:.* 6 events/);
    expect(result).toMatchObject({ ok: true, events: 6, pinned: true });
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportLine);
    const events = lines.filter((l) => l.type === 'event').map((l) => l.event);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[2].payload).toEqual(TRICKY_PAYLOADS[2]);
    // The actor is a pseudonym; the e-mail appears only on the actor line, outside the hashes.
    expect(events[0].actor).not.toBe(carol.userId);
    expect(events[5]).toMatchObject({ policy: 'test v2', actor_kind: 'staff', payload: { user: events[0].actor } });
    expect(lines.filter((l) => l.type === 'event').some((l) => JSON.stringify(l).includes(carol.email))).toBe(false);
    expect(lines.find((l) => l.type === 'actor' && l.id === events[0].actor)).toMatchObject({ email: carol.email, erased: false });
    expect(lines.at(-1)?.type).toBe('actor');
  });

  it('exports for the operator by slug and records every export in the chain it exports', async () => {
    const target = await operatorExportTarget(t().db, tenant.slug);
    expect(target).toEqual(tenantTarget(tenant));
    await expect(operatorExportTarget(t().db, 'no-such-tenant')).rejects.toMatchObject({ status: 404 });
    expect(await operatorExportTarget(t().db, null)).toEqual({ tenantId: null, tenant: null });
    await recordOperatorExport(t().db, target);
    const member = await createCustomer(t().admin, tenant, 'customer_member');
    expect(await recordExport({ db: t().db, actor: member }, 'api')).toEqual(target);
    const text = await exportText(t().db, target, clock, key);
    const kinds = text
      .split('\n')
      .filter((l) => l.startsWith('{"event":'))
      .map((l) => (JSON.parse(l) as { event: LogEvent }).event);
    expect(kinds.slice(-2)).toMatchObject([
      { kind: 'governance.log_exported', actor_kind: 'governance', payload: { via: 'cli' } },
      { kind: 'governance.log_exported', actor_kind: 'customer', payload: { via: 'api' } },
    ]);
  });

  it('refuses exports to staff other than trust admins, who get the vendor chain', async () => {
    for (const role of ['support', 'break_glass'] as const) {
      await expect(recordExport({ db: t().db, actor: await createStaff(t().admin, role) }, 'api')).rejects.toMatchObject({ status: 403 });
    }
    await expect(recordExport({ db: t().db, actor: { kind: 'anonymous' } }, 'api')).rejects.toMatchObject({ status: 403 });
    expect(await recordExport({ db: t().db, actor: await createStaff(t().admin, 'trust_admin') }, 'console')).toEqual({ tenantId: null, tenant: null });
  });

  describe('tampering', () => {
    let text: string;
    let lines: string[];
    const eventLines = () => lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('{"event":'));

    beforeAll(async () => {
      text = await exportText(t().db, tenantTarget(tenant), clock, key);
      lines = text.trimEnd().split('\n');
    });

    it('fails on any single changed byte of any event, naming the event', async () => {
      const bytes = Buffer.from(text, 'utf8');
      let start = 0;
      let checked = 0;
      for (const [line, index] of eventLines()) {
        start = bytes.indexOf(Buffer.from(line, 'utf8'), start);
        const seq = (JSON.parse(line) as { event: { seq: number } }).event.seq;
        const length = Buffer.byteLength(line, 'utf8');
        for (let offset = 0; offset <= length; offset++) {
          const tampered = Buffer.from(bytes);
          tampered[start + offset] ^= offset % 2 ? 0x01 : 0x20;
          const result = await verifyText(tampered, { publicKeys: [key.publicJwk] });
          expect(result.ok, `byte ${offset} of event ${seq}`).toBe(false);
          if (!result.ok) expect(result.line, `byte ${offset} of event ${seq}: ${result.summary}`).toBe(index + 1);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1000);
    });

    it('holds the browser’s verifier to the same rules: one final LF, canonical signatures, the previous head', async () => {
      const browser = (input: string, options: VerifyOptions = {}) => verifyLog(input, browserVerifyCrypto, { publicKeys: [key.publicJwk], ...options });
      const genuine = await browser(text);
      if (!genuine.ok) throw new Error(genuine.summary);
      const head = genuine.head;
      expect(genuine.summary).toContain(`head ${head.seq}:${head.hash},`);

      expect(await browser(text.slice(0, -1))).toMatchObject({ ok: false, line: lines.length, reason: 'the file does not end with a line feed (LF)' });
      expect(await browser(`${text}\n`)).toMatchObject({ ok: false, line: lines.length + 2, reason: 'an empty line is followed by more lines' });

      // The same 64 bytes, spelled with other unused bits in the last character.
      const index = lines.findLastIndex((l) => l.includes('"type":"checkpoint"'));
      const { signature, checkpoint } = JSON.parse(lines[index]) as { signature: string; checkpoint: Parameters<typeof checkpointMessage>[0] };
      const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const respelled = signature.slice(0, -1) + ALPHABET[ALPHABET.indexOf(signature.at(-1)!) + 1];
      expect(browserVerifyCrypto.verifySignature(key.publicJwk, checkpointMessage(checkpoint), respelled)).toBe(true);
      const altered = lines.map((l, i) => (i === index ? l.replace(signature, respelled) : l));
      expect(await browser(`${altered.join('\n')}\n`)).toMatchObject({
        ok: false,
        line: index + 1,
        reason: expect.stringMatching(/signature at sequence \d+ is not canonical base64url/),
      });

      expect(await browser(text, { previousHead: head })).toMatchObject({ ok: true });
      expect(await browser(text, { previousHead: { seq: 0, hash: '0'.repeat(64) } })).toMatchObject({ ok: true });
      expect(await browser(text, { previousHead: { seq: head.seq + 1, hash: head.hash } })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/cut short or rolled back\)$/),
      });
      expect(await browser(text, { previousHead: { seq: head.seq, hash: 'f'.repeat(64) } })).toMatchObject({
        ok: false,
        seq: head.seq,
        reason: expect.stringMatching(/the log was rewritten/),
      });
    });

    it('fails when an event is deleted or two are swapped, naming where', async () => {
      const [[, second], [, third]] = eventLines().slice(1, 3);
      const deleted = lines.filter((_, i) => i !== second);
      const result = await verifyText(`${deleted.join('\n')}\n`);
      expect(result).toMatchObject({ ok: false, seq: 3 });
      expect(result.summary).toMatch(/event 3 .*missing or out of order/);
      const swapped = [...lines];
      [swapped[second], swapped[third]] = [swapped[third], swapped[second]];
      expect(await verifyText(`${swapped.join('\n')}\n`)).toMatchObject({ ok: false, seq: 3 });
    });

    it('fails when a checkpoint is altered, re-signed with another key, or missing', async () => {
      const index = lines.findLastIndex((l) => l.includes('"type":"checkpoint"'));
      const checkpoint = JSON.parse(lines[index]) as { checkpoint: { seq: number; hash: string; time: string }; signature: string };
      const variants = [
        // Another first character: a changed ending could decode to the same bytes, or be the same.
        { ...checkpoint, signature: `${checkpoint.signature[0] === 'A' ? 'B' : 'A'}${checkpoint.signature.slice(1)}` },
        { ...checkpoint, checkpoint: { ...checkpoint.checkpoint, time: '2020-01-01T00:00:00.000Z' } },
        { ...checkpoint, checkpoint: { ...checkpoint.checkpoint, seq: checkpoint.checkpoint.seq - 1 } },
      ];
      for (const variant of variants) {
        const altered = [...lines];
        altered[index] = canonicalJson(variant);
        const result = await verifyText(`${altered.join('\n')}\n`);
        expect(result.ok, JSON.stringify(variant)).toBe(false);
      }
      // Verified against the wrong key, the genuine file fails.
      expect(await verifyText(text, { publicKeys: [newSigningKey().publicJwk] })).toMatchObject({ ok: false });
      // Without the checkpoint that covers it, the head is not vouched for.
      expect(await verifyText(`${lines.filter((_, i) => i !== index).join('\n')}\n`)).toMatchObject({ ok: false });
    });

    it('catches a superuser editing a stored event', async () => {
      const [row] = await adminRows<{ id: string }>(t(), `select id from governance_events where tenant_id = $1 and seq = 2`, [tenant.id]);
      await adminRows(t(), `update governance_events set reason = 'rewritten' where id = $1`, [row.id]);
      try {
        const result = await verifyText(await exportText(t().db, tenantTarget(tenant), clock, key), { publicKeys: [key.publicJwk] });
        expect(result).toMatchObject({ ok: false, seq: 2, eventId: row.id });
      } finally {
        await adminRows(t(), `update governance_events set reason = 'because' where id = $1`, [row.id]);
      }
    });
  });

  it('refuses the application role every way of changing the log except the append function', async () => {
    for (const statement of [
      `update governance_events set reason = 'x' where tenant_id = '${tenant.id}' returning id`,
      `delete from governance_events where tenant_id = '${tenant.id}' returning id`,
      `truncate governance_events`,
      `insert into governance_events (tenant_id, seq, occurred_at, kind, actor_kind, prev_hash, hash) values ('${tenant.id}', 99, now(), 'test.forged', 'customer', '\\x00', '\\x00')`,
      `update governance_chain_heads set seq = 0`,
      `truncate governance_checkpoints`,
      `delete from governance_checkpoints`,
      `insert into governance_checkpoints (tenant_id, seq, hash, signed_time, kid, signature) select tenant_id, seq, hash, signed_time, kid, signature from governance_checkpoints`,
      `update governance_actors set email = 'x'`,
      `delete from governance_signing_keys`,
      `select record_governance_checkpoint('${tenant.id}', 1, '2026-01-01T00:00:00.000Z', 'k', 's')`,
    ]) {
      expect(await tryInSql(t(), asCustomer(carol), statement), statement).toEqual({ code: '42501' });
    }
  });

  it('keeps every chain gapless and valid under 16 concurrent writers on 8 tenants', async () => {
    const tenants = await Promise.all(Array.from({ length: 8 }, (_, i) => createTenant(t().admin, `Writers ${i}`)));
    const writers = await Promise.all(
      tenants.flatMap((w) => [createCustomer(t().admin, w, 'customer_admin'), createCustomer(t().admin, w, 'customer_member')]),
    );
    await Promise.all(
      writers.map(async (writer) => {
        for (let i = 0; i < 10; i++) {
          await withActor(t().db, writer, (tx) => appendEvent(tx, { tenantId: writer.tenantId, kind: 'privacy.data_exported', subject: String(i) }));
        }
      }),
    );
    for (const w of tenants) {
      const result = await verifyText(await exportText(t().db, tenantTarget(w), clock, key), { publicKeys: [key.publicJwk] });
      expect(result, w.slug).toMatchObject({ ok: true, events: 20 });
    }
  });

  it('seals at commit: an open transaction holds no chain, and a chain being sealed holds only its own appends', async (ctx) => {
    if (t().backend !== 'postgres') ctx.skip(); // PGlite runs one transaction at a time: nothing can run alongside
    const other = await createTenant(t().admin, 'Other Chain');
    const olga = await createCustomer(t().admin, other, 'customer_admin');
    const dave = await createCustomer(t().admin, tenant, 'customer_member');
    const appendAs = (who: typeof carol, subject: string, timeout = '2s') =>
      withActor(t().db, who, async (tx) => {
        await tx.execute(sql`set local lock_timeout = ${sql.raw(`'${timeout}'`)}`);
        return appendEvent(tx, { tenantId: who.tenantId, kind: 'privacy.data_exported', subject });
      });
    const seqOf = async (id: string) => Number((await adminRows<{ seq: string }>(t(), 'select seq from governance_events where id = $1', [id]))[0].seq);
    // carol's transaction has appended but not committed: dave's append commits first and comes first.
    let release!: () => void;
    let appended!: () => void;
    const isOpen = new Promise<void>((resolve) => (appended = resolve));
    const carolDone = withActor(t().db, carol, async (tx) => {
      await appendEvent(tx, { tenantId: tenant.id, kind: 'privacy.data_exported', subject: 'carol, committed last' });
      appended();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isOpen;
    const first = await appendAs(dave, 'dave, committed first', '300ms');
    release();
    await carolDone;
    const [carolEvent] = await adminRows<{ id: string }>(t(), `select id from governance_events where subject = 'carol, committed last'`);
    expect(await seqOf(carolEvent.id)).toBe((await seqOf(first.id)) + 1);

    // While a chain's head is locked (as during a commit), its appends wait and other chains' do not.
    let unlock!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const lockHolder = t().admin.transaction(async (q) => {
      await q.query('select 1 from governance_chain_heads where chain = $1 for update', [tenant.id]);
      locked();
      await new Promise<void>((resolve) => (unlock = resolve));
    });
    await isLocked;
    let elsewhere: { id: string };
    try {
      elsewhere = await appendAs(olga, 'other chain while locked');
      await expect(appendAs(dave, 'same chain while locked', '300ms')).rejects.toSatisfy((e) => pgErrorCode(e) === '55P03');
    } finally {
      unlock(); // (the admin connection, which seqOf needs, is the lock holder's until then)
      await lockHolder;
    }
    expect(await seqOf(elsewhere.id)).toBe(1);
    const after = await appendAs(dave, 'same chain after');
    expect(await seqOf(after.id)).toBe((await seqOf(carolEvent.id)) + 1);
    const result = await verifyText(await exportText(t().db, tenantTarget(tenant), clock, key), { publicKeys: [key.publicJwk] });
    expect(result.ok, result.ok ? '' : result.summary).toBe(true);
  });

  it('keeps old keys listed and verifying after the signing key rotates', async () => {
    const rotated = newSigningKey();
    await append({ step: 'before rotation' });
    await checkpointHead(t().db, tenant.id, clock, key);
    await append({ step: 'after rotation' });
    const text = await exportText(t().db, tenantTarget(tenant), clock, rotated);
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { keys: { keys: { kid: string }[] } };
    expect(header.keys.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([key.kid, rotated.kid]));
    expect(await verifyText(text, { publicKeys: [key.publicJwk, rotated.publicJwk] })).toMatchObject({ ok: true });
    // Pinning only the old key: the newest checkpoint is not trusted.
    expect(await verifyText(text, { publicKeys: [key.publicJwk] })).toMatchObject({ ok: false });
  });
});
