import { beforeAll, expect, it } from 'vitest';
import { GOVERNANCE } from '@/lib/core/actor';
import { pgErrorCode, queryRows } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { sql } from 'drizzle-orm';
import { checkpointHead, publicKeys } from '@/lib/governance/checkpoints';
import { chainName, checkpointMessage } from '@/lib/governance/format';
import { EVENT_KINDS } from '@/lib/governance/kinds';
import { signMessage } from '@/lib/governance/signing-key';
import { fileRequest } from '@/lib/lockbox/requests';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases';
import { exportText, newSigningKey, tenantTarget, verifyText } from '../helpers/governance';
import {
  adminRows,
  asAppLogin,
  asAppRole,
  asCustomer,
  asStaff,
  clockNow,
  createLockboxWorld,
  type LockboxWorld,
  requestBody,
  type SqlActor,
} from '../helpers/lockbox';

/** The SQLSTATE a statement fails with as trust_app under the actor's context, or 'ok'. */
async function asApp(t: TestDatabase, actor: SqlActor | { kind: 'system' | 'governance' }, statement: string): Promise<string> {
  const context: SqlActor = 'userId' in actor ? actor : ({ kind: actor.kind, userId: '', tenantId: '' } as unknown as SqlActor);
  return asAppRole(t, context, (q) => q.query(statement)).then(
    () => 'ok',
    (error: unknown) => pgErrorCode(error) ?? String(error),
  );
}

const count = async (t: TestDatabase, table: string) => (await adminRows<{ n: number }>(t, `select count(*)::int as n from ${table}`))[0].n;

describeEachDatabase('what a compromised application role cannot do', (t) => {
  const key = newSigningKey();
  const clock = clockNow();
  let w: LockboxWorld;
  let requestId: string;

  beforeAll(async () => {
    w = await createLockboxWorld(t().admin);
    ({ id: requestId } = await fileRequest({ db: t().db, clock, actor: w.bob }, requestBody(w.acme)));
  });

  it('cannot record a checkpoint or list a signing key', async () => {
    await checkpointHead(t().db, w.acme.id, clock, key);
    const [head] = await adminRows<{ seq: string; hash: string }>(t(), `select seq, encode(hash, 'hex') as hash from governance_chain_heads where chain = $1`, [
      w.acme.id,
    ]);
    const forger = newSigningKey();
    const time = new Date().toISOString();
    const signature = signMessage(forger, checkpointMessage({ chain: chainName(w.acme.id), hash: head.hash, seq: Number(head.seq), time }));
    const [checkpoints, keys] = [await count(t(), 'governance_checkpoints'), await count(t(), 'governance_signing_keys')];
    for (const actor of [{ kind: 'governance' } as const, asCustomer(w.carol), asStaff(w.bob, w.acme)]) {
      expect(await asApp(t(), actor, `select 1 from record_governance_checkpoint('${w.acme.id}', ${head.seq}, '${time}', '${key.kid}', '${signature}')`)).toBe(
        '42501',
      );
      expect(
        await asApp(t(), actor, `insert into governance_signing_keys (kid, public_jwk) values ('${forger.kid}', '${JSON.stringify(forger.publicJwk)}')`),
      ).toBe('42501');
    }
    expect([await count(t(), 'governance_checkpoints'), await count(t(), 'governance_signing_keys')]).toEqual([checkpoints, keys]);
    expect((await publicKeys(t().db, key)).keys.map((k) => k.kid)).not.toContain(forger.kid);
  });

  it('signs only through trust_signer: logged in as trust_app, the app can neither sign nor become the signer', async (ctx) => {
    if (t().backend !== 'postgres') ctx.skip(); // PGlite has one superuser session, which may take any role
    const switched = await asAppLogin(t(), asStaff(w.bob, w.acme), (q) => q.unsafe('set local role trust_signer')).then(
      () => 'ok',
      (e: unknown) => pgErrorCode(e),
    );
    expect(switched).toBe('42501');
    const error = await checkpointHead(t().appRoleDb, w.acme.id, clock, key).then(
      () => null,
      (e: unknown) => e,
    );
    expect(pgErrorCode(error)).toBe('42501');
  });

  it('leaves a checkpoint no published key signed out of exports, and records it once as an attack', async () => {
    await fileRequest({ db: t().db, clock, actor: w.bob }, requestBody(w.globex));
    await checkpointHead(t().db, w.globex.id, clock, key);
    const [head] = await adminRows<{ seq: string; hash: string }>(t(), `select seq, encode(hash, 'hex') as hash from governance_chain_heads where chain = $1`, [
      w.globex.id,
    ]);
    // Written as the owner would: the one way left to put a checkpoint in the table. It names the
    // real key, and another key signed it.
    const time = new Date().toISOString();
    const forged = signMessage(newSigningKey(), checkpointMessage({ chain: chainName(w.globex.id), hash: head.hash, seq: Number(head.seq), time }));
    await t().admin.transaction((q) =>
      q.query(`insert into governance_checkpoints (tenant_id, seq, hash, signed_time, kid, signature) values ($1, $2, decode($3, 'hex'), $4, $5, $6)`, [
        w.globex.id,
        head.seq,
        head.hash,
        time,
        key.kid,
        forged,
      ]),
    );
    for (let i = 0; i < 2; i++) {
      const text = await exportText(t().db, tenantTarget(w.globex), clock, key);
      expect(text).not.toContain(forged);
      const verified = await verifyText(text);
      expect(verified, verified.summary).toMatchObject({ ok: true });
    }
    const rejected = await adminRows<{ payload: { seq: number; kid: string } }>(
      t(),
      `select payload from governance_events where tenant_id = $1 and kind = 'governance.checkpoint_rejected'`,
      [w.globex.id],
    );
    expect(rejected).toEqual([{ payload: expect.objectContaining({ kid: key.kid, seq: Number(head.seq) }) }]);
  });

  it('cannot have a customer member send the admins a notice or a mail, with any text or link', async () => {
    const [notices, mails] = [await count(t(), 'notifications'), await count(t(), 'mail_outbox')];
    const member = asCustomer(w.dan);
    for (const kind of ['lockbox_requested', 'lockbox_second_approval', 'break_glass_invoked', 'lockbox_approved']) {
      expect(await asApp(t(), member, `select * from notify_lockbox('${kind}', '${requestId}', 'Urgent', 'Sign in at https://evil.example')`), kind).toBe(
        '42501',
      );
    }
    // A subject that does not exist, and the old form that took a link and a URL.
    expect(await asApp(t(), asStaff(w.bob, w.acme), `select * from notify_lockbox('lockbox_requested', gen_random_uuid(), 'x', 'y')`)).toBe('42501');
    expect(
      await asApp(
        t(),
        member,
        `select * from notify_lockbox('tenant_admins', '${requestId}', 'lockbox_requested', 't', 'b', 'https://evil.example', 'https://evil.example')`,
      ),
    ).toBe('42883');
    // A customer admin cannot report a decision nobody made.
    expect(await asApp(t(), asCustomer(w.carol), `select * from notify_lockbox('lockbox_approved', '${requestId}', 't', 'b')`)).toBe('42501');
    expect([await count(t(), 'notifications'), await count(t(), 'mail_outbox')]).toEqual([notices, mails]);
  });

  it('links every notice to a fixed path of the app', async () => {
    const rows = await adminRows<{ link: string; link_path: string | null }>(
      t(),
      `select n.link, m.link_path from notifications n join users u on u.id = n.user_id
       left join mail_outbox m on m.to_address = u.email and m.kind = n.kind
       where n.kind = 'lockbox_requested' and u.tenant_id = $1`,
      [w.acme.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toEqual({ link: '/console/lockbox', link_path: '/console/lockbox' });
  });

  it('lets each kind of actor append only the kinds the catalog gives it', async () => {
    const append = (kind: string, tenant = w.acme.id) => `select 1 from append_governance_event('${tenant}', '${kind}', 'x', '', '{}', '', null)`;
    expect(await asApp(t(), { kind: 'system' }, append('lockbox.approved'))).toBe('42501');
    expect(await asApp(t(), { kind: 'system' }, append('support.break_glass_invoked'))).toBe('42501');
    expect(await asApp(t(), { kind: 'governance' }, append('auth.signed_in'))).toBe('42501');
    expect(await asApp(t(), { kind: 'governance' }, append('lockbox.revoked', w.globex.id))).toBe('42501');
    expect(await asApp(t(), asCustomer(w.dan), append('content.document_archived'))).toBe('42501');
    expect(await asApp(t(), asCustomer(w.dan), append('no.such_kind'))).toBe('42501');
    expect(await asApp(t(), { kind: 'system' }, append('lockbox.request_expired'))).toBe('ok');
    expect(await asApp(t(), asCustomer(w.carol), append('lockbox.settings_changed'))).toBe('ok');
  });

  it('reads the same list of kinds and actors as the catalog', async () => {
    const rows = await withActor(t().db, GOVERNANCE, (tx) =>
      queryRows<{ kind: string; actor_kind: string }>(tx, sql`select kind, actor_kind from governance_event_kinds`),
    );
    const fromDb = rows.map((r) => `${r.kind} ${r.actor_kind}`).sort();
    const fromCatalog = Object.entries(EVENT_KINDS)
      .flatMap(([kind, { actors }]) => actors.map((a) => `${kind} ${a}`))
      .sort();
    expect(fromDb).toEqual(fromCatalog);
  });
});
