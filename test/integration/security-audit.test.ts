import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@/lib/core/clock';
import { loadConfig } from '@/lib/core/config';
import { migrate } from '@/lib/db/migrate';
import { openPgliteDirectory, pgliteAdmin } from '@/lib/db/pglite';
import type { Database } from '@/lib/db/types';
import { withActor } from '@/lib/db/with-actor';
import { appendEvent } from '@/lib/governance/append';
import { checkpointHead } from '@/lib/governance/checkpoints';
import { securityAuditCommand } from '@/lib/security-audit/command';
import type { Finding } from '@/lib/security-audit/findings';
import { runSecurityAudit } from '@/lib/security-audit/run';
import { gatherSecretFacts, secretFindings } from '@/lib/security-audit/secret-checks';
import { transportFindings } from '@/lib/security-audit/transport-checks';
import { describeEachDatabase, type TestDatabase } from '../helpers/databases';
import { createCustomer, createTenant } from '../helpers/factories';
import { newSigningKey } from '../helpers/governance';
import { adminRows } from '../helpers/lockbox';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'trust-audit-'));
const pem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** A production configuration as docs/deployment.md describes it (demo sign-in off, secrets given, HTTPS). */
const hardened = (dataDir: string, databaseUrl?: string): Record<string, string> => ({
  DATA_DIR: dataDir,
  SESSION_SECRET: randomBytes(48).toString('base64'),
  AUDIT_SIGNING_KEY: pem(),
  GRANT_TOKEN_SIGNING_KEY: pem(),
  APP_URL: 'https://trust.example.com',
  WORKOS_API_KEY: 'sk_test_audit',
  WORKOS_CLIENT_ID: 'client_audit',
  WORKOS_WEBHOOK_SECRET: 'whsec_audit',
  SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});

const ids = (findings: Finding[], severity?: Finding['severity']) => findings.filter((f) => !severity || f.severity === severity).map((f) => f.id);
const find = (findings: Finding[], id: string, subject?: string) => findings.find((f) => f.id === id && (subject === undefined || f.subject === subject));

/** The test database's own superuser URL (PostgreSQL): a developer's DATABASE_URL. */
function superuserUrl(t: TestDatabase): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = new URL(t.appUrl!).pathname;
  return url.href;
}

/** `npm run trust -- security audit ...` in a child process with exactly this environment. */
function runCli(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/trust.ts', 'security', 'audit', ...args], {
      cwd: process.cwd(),
      env: { NODE_ENV: 'production', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** An embedded database under dataDir, migrated, as `npm start` leaves it (and closed again). */
async function migratedEmbeddedDatabase(dataDir: string) {
  const { pg, release } = await openPgliteDirectory(dataDir);
  try {
    await migrate(pgliteAdmin(pg));
  } finally {
    await pg.close();
    release();
  }
}

describeEachDatabase('trust security audit', (t) => {
  const clock = manualClock(new Date());
  const key = newSigningKey();
  let dataDir: string;
  let tenant: Awaited<ReturnType<typeof createTenant>>;

  /** The app's database as a production deployment opens it: connected as trust_app on PostgreSQL. */
  const appDb = (): Database => t().appRoleDb;
  const hardenedEnv = () => hardened(dataDir, t().backend === 'postgres' ? t().appUrl : undefined);
  const audit = (env: Record<string, string>, database: Database = appDb()) => runSecurityAudit({ config: loadConfig(env), database, now: clock.now() });
  const asOwner = (statements: string) => t().admin.transaction((q) => q.exec(`SET LOCAL ROLE trust_owner; ${statements}`));

  beforeAll(async () => {
    dataDir = tempDir();
    tenant = await createTenant(t().admin, 'Audit Corp');
    const carol = await createCustomer(t().admin, tenant, 'customer_admin');
    for (const kind of ['privacy.data_exported', 'dpa.downloaded']) {
      await withActor(t().db, carol, (tx) => appendEvent(tx, { tenantId: tenant.id, kind, subject: 'audit', payload: { n: 1 } }));
    }
    await checkpointHead(t().db, tenant.id, clock, key);
    await adminRows(
      t(),
      `INSERT INTO portal_settings (id, vendor_name, security_contact, security_txt_expires_at)
       VALUES (true, 'Audit Co', 'mailto:security@audit.example', now() + interval '90 days')
       ON CONFLICT (id) DO UPDATE SET security_txt_expires_at = excluded.security_txt_expires_at`,
    );
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fails a demo configuration: demo sign-in on, generated secrets, a superuser or embedded database', async () => {
    const env = { DATA_DIR: dataDir, ...(t().backend === 'postgres' ? { DATABASE_URL: superuserUrl(t()) } : {}) };
    const report = await audit(env, t().db);
    expect(report.exitCode).toBe(1);
    expect(report.counts.high).toBeGreaterThanOrEqual(1);
    expect(find(report.findings, 'config/demo-sign-in')?.severity).toBe('high');
    // Tolerable in a demo, so not high there; the demo is failed by demo sign-in itself.
    expect(find(report.findings, 'config/session-secret-generated')?.severity).toBe('low');
    expect(find(report.findings, 'config/signing-key-generated')?.severity).toBe('low');
    if (t().backend === 'pglite') expect(find(report.findings, 'config/embedded-database')?.severity).toBe('medium');
    else expect(find(report.findings, 'db/connection-privileged')?.severity).toBe('medium');
    // Nothing was generated by looking.
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('passes a hardened configuration: no high finding, and on PostgreSQL nothing above low', async () => {
    const report = await audit(hardenedEnv());
    expect(ids(report.findings, 'high')).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(find(report.findings, 'db/chains-checked')).toMatchObject({ severity: 'info', title: expect.stringMatching(/of 1 chain\(s\) are intact/) });
    expect(find(report.findings, 'config/signing-key')).toMatchObject({ severity: 'info' });
    if (t().backend === 'postgres') {
      expect(ids(report.findings, 'medium')).toEqual([]);
      expect(find(report.findings, 'db/connection-role')).toMatchObject({ severity: 'info', title: 'The app connects as trust_app' });
    } else {
      expect(ids(report.findings, 'medium')).toEqual(['config/embedded-database']);
    }
  });

  it('counts generated secrets and a superuser connection as high once demo sign-in is off', async () => {
    const { SESSION_SECRET: _s, AUDIT_SIGNING_KEY: _k, GRANT_TOKEN_SIGNING_KEY: _g, ...env } = hardenedEnv();
    const report = await audit(env);
    expect(find(report.findings, 'config/session-secret-generated')?.severity).toBe('high');
    expect(find(report.findings, 'config/signing-key-generated')?.severity).toBe('high');
    expect(find(report.findings, 'config/grant-token-key-generated')?.severity).toBe('high');
    if (t().backend === 'postgres') {
      const superuser = await audit({ ...hardenedEnv(), DATABASE_URL: superuserUrl(t()) }, t().db);
      expect(find(superuser.findings, 'db/connection-privileged')).toMatchObject({ severity: 'high', title: expect.stringContaining('a superuser') });
      expect(superuser.exitCode).toBe(1);
    }
  });

  it('reports a table with tenant_id whose row-level security is not forced, as high', async () => {
    await asOwner('CREATE TABLE audit_unforced (id uuid PRIMARY KEY, tenant_id uuid NOT NULL); ALTER TABLE audit_unforced ENABLE ROW LEVEL SECURITY;');
    try {
      const report = await audit(hardenedEnv());
      expect(find(report.findings, 'db/rls-not-forced', 'audit_unforced')?.severity).toBe('high');
      expect(report.exitCode).toBe(1);
      await asOwner('ALTER TABLE audit_unforced DISABLE ROW LEVEL SECURITY;');
      expect(find((await audit(hardenedEnv())).findings, 'db/rls-disabled', 'audit_unforced')?.severity).toBe('high');
      await asOwner('ALTER TABLE audit_unforced ENABLE ROW LEVEL SECURITY; ALTER TABLE audit_unforced FORCE ROW LEVEL SECURITY;');
      expect((await audit(hardenedEnv())).findings.filter((f) => f.subject === 'audit_unforced')).toEqual([]);
    } finally {
      await asOwner('DROP TABLE IF EXISTS audit_unforced;');
    }
  });

  it('reports a table the app can read without row-level security, and a view that bypasses it, as high', async () => {
    await asOwner(`CREATE TABLE audit_open (id int); GRANT SELECT ON audit_open TO trust_app;
                   CREATE VIEW audit_users AS SELECT id, email FROM users; GRANT SELECT ON audit_users TO trust_app;`);
    try {
      const report = await audit(hardenedEnv());
      expect(find(report.findings, 'db/rls-disabled', 'audit_open')?.severity).toBe('high');
      expect(find(report.findings, 'db/view-bypasses-rls', 'audit_users')?.severity).toBe('high');
      await asOwner('ALTER VIEW audit_users SET (security_invoker = true);');
      expect(find((await audit(hardenedEnv())).findings, 'db/view-bypasses-rls', 'audit_users')).toBeUndefined();
    } finally {
      await asOwner('DROP VIEW IF EXISTS audit_users; DROP TABLE IF EXISTS audit_open;');
    }
  });

  it('reports UPDATE on governance_events granted to trust_app as high, table-wide or on one column', async () => {
    for (const grant of ['UPDATE', 'UPDATE (payload)']) {
      await adminRows(t(), `GRANT ${grant} ON governance_events TO trust_app`);
      try {
        const report = await audit(hardenedEnv());
        expect(find(report.findings, 'db/governance-writable', 'governance_events'), grant).toMatchObject({
          severity: 'high',
          title: expect.stringContaining('UPDATE'),
        });
        expect(report.exitCode).toBe(1);
      } finally {
        await adminRows(t(), `REVOKE ${grant} ON governance_events FROM trust_app`);
      }
    }
    expect(find((await audit(hardenedEnv())).findings, 'db/governance-writable')).toBeUndefined();
  });

  it('reports a SECURITY DEFINER function that is PUBLIC’s, unpinned, or writes the log besides the append function', async () => {
    await asOwner(`CREATE FUNCTION audit_loose() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'select 1';
                   CREATE FUNCTION audit_rewrite() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
                     AS 'delete from governance_events where false';
                   REVOKE ALL ON FUNCTION audit_rewrite() FROM PUBLIC; GRANT EXECUTE ON FUNCTION audit_rewrite() TO trust_app;`);
    try {
      const { findings } = await audit(hardenedEnv());
      expect(find(findings, 'db/definer-search-path', 'audit_loose()')?.severity).toBe('high');
      expect(find(findings, 'db/definer-public-execute', 'audit_loose()')?.severity).toBe('high');
      expect(find(findings, 'db/governance-other-writer', 'audit_rewrite() → governance_events')?.severity).toBe('high');
      expect(findings.filter((f) => f.subject === 'audit_rewrite()')).toEqual([]);
    } finally {
      await asOwner('DROP FUNCTION IF EXISTS audit_loose(); DROP FUNCTION IF EXISTS audit_rewrite();');
    }
  });

  it('reports the newest event of a chain changed by a superuser as high', async () => {
    const chain = `tenant:${tenant.id}`;
    const [last] = await adminRows<{ id: string; payload: string }>(
      t(),
      'SELECT id, payload::text AS payload FROM governance_events WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1',
      [tenant.id],
    );
    await adminRows(t(), `UPDATE governance_events SET payload = '{"n": 2}' WHERE id = $1`, [last.id]);
    try {
      const report = await audit(hardenedEnv());
      expect(find(report.findings, 'db/chain-tampered', chain)).toMatchObject({
        severity: 'high',
        title: expect.stringContaining('changed after it was appended'),
      });
      expect(report.exitCode).toBe(1);
    } finally {
      await adminRows(t(), 'UPDATE governance_events SET payload = $2::text::jsonb WHERE id = $1', [last.id, last.payload]);
    }
    const restored = await audit(hardenedEnv());
    expect(find(restored.findings, 'db/chain-tampered')).toBeUndefined();
    expect(restored.exitCode).toBe(0);
  });

  it('reports a deleted newest event, and a checkpoint that no longer matches or verifies, as high', async () => {
    const chain = `tenant:${tenant.id}`;
    await adminRows(t(), 'UPDATE governance_checkpoints SET hash = sha256(hash) WHERE tenant_id = $1', [tenant.id]);
    try {
      const report = await audit(hardenedEnv());
      expect(find(report.findings, 'db/chain-tampered', chain)?.title).toContain('no longer matches its newest checkpoint');
    } finally {
      await adminRows(
        t(),
        `UPDATE governance_checkpoints c SET hash = e.hash FROM governance_events e WHERE e.tenant_id = c.tenant_id AND e.seq = c.seq AND c.tenant_id = $1`,
        [tenant.id],
      );
    }
    const [{ signature }] = await adminRows<{ signature: string }>(t(), 'SELECT signature FROM governance_checkpoints WHERE tenant_id = $1', [tenant.id]);
    await adminRows(t(), `UPDATE governance_checkpoints SET signature = repeat('A', 86) WHERE tenant_id = $1`, [tenant.id]);
    try {
      expect(find((await audit(hardenedEnv())).findings, 'db/chain-tampered', chain)?.title).toContain('is not validly signed');
    } finally {
      await adminRows(t(), 'UPDATE governance_checkpoints SET signature = $2 WHERE tenant_id = $1', [tenant.id, signature]);
    }
    await adminRows(t(), 'UPDATE governance_chain_heads SET seq = seq + 1 WHERE chain = $1', [tenant.id]);
    try {
      expect(find((await audit(hardenedEnv())).findings, 'db/chain-tampered', chain)?.title).toContain('is missing');
    } finally {
      await adminRows(t(), 'UPDATE governance_chain_heads SET seq = seq - 1 WHERE chain = $1', [tenant.id]);
    }
    expect(find((await audit(hardenedEnv())).findings, 'db/chain-tampered')).toBeUndefined();
  });

  it('reports a head left unsigned for more than an hour as low', async () => {
    const carol = await createCustomer(t().admin, tenant, 'customer_admin');
    await withActor(t().db, carol, (tx) => appendEvent(tx, { tenantId: tenant.id, kind: 'lockbox.settings_changed', subject: 'audit' }));
    const later = (hours: number) => runSecurityAudit({ config: loadConfig(hardenedEnv()), database: appDb(), now: new Date(Date.now() + hours * 3_600_000) });
    expect(find((await later(0)).findings, 'db/chain-unsigned')).toBeUndefined();
    expect(find((await later(2)).findings, 'db/chain-unsigned', `tenant:${tenant.id}`)?.severity).toBe('low');
    await checkpointHead(t().db, tenant.id, clock, key);
    expect(find((await later(2)).findings, 'db/chain-unsigned')).toBeUndefined();
  });

  it('reports security.txt expired as high and expiring within 30 days as medium', async () => {
    const setExpiry = (days: number) => adminRows(t(), `UPDATE portal_settings SET security_txt_expires_at = now() + make_interval(days => $1::int)`, [days]);
    try {
      await setExpiry(-1);
      expect(find((await audit(hardenedEnv())).findings, 'portal/security-txt-expired')?.severity).toBe('high');
      await setExpiry(10);
      expect(find((await audit(hardenedEnv())).findings, 'portal/security-txt-expiring')?.severity).toBe('medium');
    } finally {
      await setExpiry(90);
    }
    expect(ids((await audit(hardenedEnv())).findings).filter((id) => id.startsWith('portal/'))).toEqual([]);
  });

  it('runs as `npm run trust -- security audit`: exit 1 with text on a demo, exit 0 with --json when hardened', async () => {
    const cliDir = tempDir();
    try {
      if (t().backend === 'pglite') await migratedEmbeddedDatabase(cliDir);
      const demo = await runCli({ DATA_DIR: cliDir, ...(t().backend === 'postgres' ? { DATABASE_URL: superuserUrl(t()) } : {}) });
      expect(demo.code, demo.stderr).toBe(1);
      expect(demo.stdout).toMatch(/^HIGH \(\d+\)$/m);
      expect(demo.stdout).toContain('[config/demo-sign-in] Demo sign-in is on');
      expect(demo.stdout).toMatch(/^ {6}found: .+\n {6}fix: {3}.+$/m);
      expect(demo.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Summary: [1-9]\d* high, \d+ medium, \d+ low, \d+ info\. FAIL/);
      expect(fs.existsSync(path.join(cliDir, 'session-secret'))).toBe(false);

      const env = hardened(cliDir, t().backend === 'postgres' ? t().appUrl : undefined);
      const ok = await runCli(env, ['--json']);
      expect(ok.code, ok.stderr).toBe(0);
      const json = JSON.parse(ok.stdout) as { ok: boolean; exitCode: number; counts: Record<string, number>; findings: Finding[] };
      expect(json).toMatchObject({ ok: true, exitCode: 0, counts: { high: 0 } });
      expect(ids(json.findings)).toContain(t().backend === 'postgres' ? 'db/connection-role' : 'config/embedded-database');
      expect(JSON.stringify(json)).not.toContain(env.SESSION_SECRET);
      expect(JSON.stringify(json)).not.toContain('mailer:secret');
    } finally {
      fs.rmSync(cliDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('trust security audit without a database', () => {
  it('fails closed when the embedded database does not exist, creating nothing', async () => {
    const dir = tempDir();
    try {
      const result = await runCli({ DATA_DIR: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('[db/unreachable]');
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses an unknown option with exit code 2', async () => {
    const written: string[] = [];
    expect(await securityAuditCommand(['--yaml'], { env: {}, write: (text) => written.push(text) })).toBe(2);
    expect(written).toEqual(['security audit: unknown option --yaml (the only one is --json)']);
  });

  it('reports plain HTTP, a remote database without TLS and unprotected mail', () => {
    const cfg = loadConfig({
      APP_URL: 'http://trust.example.com',
      DATABASE_URL: 'postgres://trust_app:pw@db.example.com:5432/trust',
      DATABASE_ADMIN_URL: 'postgres://trust_owner:pw@db.example.com:5432/trust?sslmode=require',
      SMTP_URL: 'smtp://mailer:pw@smtp.example.com:587',
    });
    const findings = transportFindings(cfg);
    expect(find(findings, 'config/database-tls-off', 'DATABASE_URL')?.severity).toBe('high');
    expect(find(findings, 'config/database-tls-unverified', 'DATABASE_ADMIN_URL')?.severity).toBe('medium');
    expect(find(findings, 'config/smtp-tls-optional')?.severity).toBe('medium');
    expect(JSON.stringify(findings)).not.toContain(':pw@');
    expect(transportFindings(loadConfig({ DATABASE_URL: 'postgres://trust_app@db.example.com/trust?sslmode=verify-full' }))).toEqual([]);
    expect(transportFindings(loadConfig({ DATABASE_URL: 'postgres://trust_app@127.0.0.1/trust' }))).toEqual([]);
  });

  it('reports a generated secret file readable by others, and an unusable signing key', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'session-secret'), randomBytes(32).toString('base64url'), { mode: 0o644 });
      fs.chmodSync(path.join(dir, 'session-secret'), 0o644);
      const cfg = loadConfig({ DATA_DIR: dir, AUDIT_SIGNING_KEY: 'not a key' });
      const findings = secretFindings(gatherSecretFacts(cfg), { production: true });
      expect(find(findings, 'config/secret-file-readable', path.join(dir, 'session-secret'))?.severity).toBe('medium');
      expect(find(findings, 'config/signing-key-invalid')?.severity).toBe('high');
      expect(find(findings, 'config/grant-token-key-generated')?.severity).toBe('high');
      const given = secretFindings(gatherSecretFacts(loadConfig({ DATA_DIR: dir, GRANT_TOKEN_SIGNING_KEY: 'not a key' })), { production: true });
      expect(find(given, 'config/grant-token-key-invalid')?.severity).toBe('high');
      const good = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const fine = secretFindings(gatherSecretFacts(loadConfig({ DATA_DIR: dir, GRANT_TOKEN_SIGNING_KEY: good })), { production: true });
      expect(fine.filter((f) => f.id.startsWith('config/grant-token-key'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
