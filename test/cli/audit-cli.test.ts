import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The operator CLI as a newcomer runs it: `npm run trust -- audit export|verify` on the embedded
// database of a fresh DATA_DIR. (Export and verification themselves run on both databases in
// test/integration/governance-chain.test.ts.)
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('npm run trust -- audit', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-cli-'));
  const file = path.join(dir, 'acme.jsonl');
  const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', DATABASE_ADMIN_URL: '', AUDIT_SIGNING_KEY: '' };
  const trust = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/trust.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
  };

  beforeAll(() => {
    expect(trust('db', 'seed').code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports a tenant’s chain to a file and verifies it, with and without a pinned key', () => {
    const exported = trust('audit', 'export', '--tenant', 'acme', '--out', file);
    expect(exported).toMatchObject({ code: 0, err: expect.stringMatching(/^Exported \d+ events of the acme tenant chain to /) });
    const verified = trust('audit', 'verify', file);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^OK tenant:[0-9a-f-]{36} \(acme\): \d+ events, head [0-9a-f]{16}…, 1 signed checkpoint \(key [\w-]{43}, as listed in the file/);
    expect(verified.out.split('\n')).toHaveLength(1);

    // The generated signing key's public half, as a PEM file the customer saved earlier.
    const publicPem = path.join(dir, 'public.pem');
    writeFileSync(publicPem, createPublicKey(readFileSync(path.join(dir, 'data', 'audit-signing-key.pem'), 'utf8')).export({ type: 'spki', format: 'pem' }));
    expect(trust('audit', 'verify', file, '--public-key', publicPem)).toMatchObject({ code: 0, out: expect.stringContaining('pinned') });
  }, 60_000);

  it('verifies with the independent Python verifier written from docs/governance-log.md', () => {
    const python = (...args: string[]) => {
      const r = spawnSync('python3', [path.join(ROOT, 'docs/examples/verify_governance_log.py'), ...args], { encoding: 'utf8' });
      return { code: r.status, out: r.stdout.trim() };
    };
    expect(python(file)).toMatchObject({ code: 0, out: expect.stringMatching(/^OK tenant:[0-9a-f-]{36}: \d+ events/) });
    const jwks = path.join(dir, 'keys.json');
    const pem = readFileSync(path.join(dir, 'data', 'audit-signing-key.pem'), 'utf8');
    writeFileSync(jwks, JSON.stringify({ keys: [createPublicKey(pem).export({ format: 'jwk' })] }));
    expect(python(file, jwks).code).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((l) => l.startsWith('{"event":'));
    const tampered = path.join(dir, 'tampered-for-python.jsonl');
    writeFileSync(tampered, lines.map((l, i) => (i === index ? l.replace('"seq":1', '"seq":2') : l)).join('\n'));
    expect(python(tampered)).toMatchObject({ code: 1, out: expect.stringMatching(new RegExp(`^FAILED at line ${index + 1}: `)) });
  }, 60_000);

  it('exits 1 naming the first bad event, and on a key that did not sign', () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((l) => l.startsWith('{"event":'));
    const tampered = path.join(dir, 'tampered.jsonl');
    writeFileSync(tampered, lines.map((l, i) => (i === index ? l.replace('"reason":"', '"reason":"x') : l)).join('\n'));
    const bad = trust('audit', 'verify', tampered);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(new RegExp(`^FAILED at line ${index + 1}, event 1 \\([0-9a-f-]{36}\\): the event’s hash does not match`));

    const otherKey = path.join(dir, 'other.jwk');
    writeFileSync(otherKey, JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }));
    const unpinned = trust('audit', 'verify', file, '--public-key', otherKey);
    expect(unpinned).toMatchObject({ code: 1, err: expect.stringContaining('not among the trusted keys') });
  }, 60_000);

  it('says what is wrong with the command line', () => {
    expect(trust('audit', 'export')).toMatchObject({ code: 1, err: 'Error: Name one chain: --tenant <slug> or --vendor.' });
    expect(trust('audit', 'export', '--tenant', 'nope')).toMatchObject({ code: 1, err: 'Error: There is no tenant with the slug “nope”.' });
    expect(trust('audit', 'verify', path.join(dir, 'missing.jsonl'))).toMatchObject({ code: 1, err: expect.stringMatching(/^Error: Cannot read .*missing.jsonl: no such file.$/) });
  }, 60_000);
});
