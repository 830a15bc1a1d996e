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
    expect(verified.out).toMatch(
      /^OK tenant:[0-9a-f-]{36} \(acme\): (\d+) events, head \1:[0-9a-f]{64}, 1 signed checkpoint \(key [\w-]{43}, as listed in the file/,
    );
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

  const python = (...args: string[]) => {
    const r = spawnSync('python3', [path.join(ROOT, 'docs/examples/verify_governance_log.py'), ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
  };
  const variant = (name: string, text: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
  };

  it('refuses a file without its final line feed, or with a signature spelled with other unused base64url bits', () => {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const lastLine = lines.length - 1; // the last line with text; the file's LF ends it

    const unterminated = variant('unterminated.jsonl', text.slice(0, -1));
    const cut = trust('audit', 'verify', unterminated);
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(new RegExp(`^FAILED at line ${lastLine}, after event \\d+ \\([0-9a-f-]{36}\\): the file does not end with a line feed \\(LF\\)$`));
    expect(python(unterminated)).toMatchObject({ code: 1, out: `FAILED at line ${lastLine}: the file does not end with a line feed (LF)` });
    const doubled = variant('doubled.jsonl', `${text}\n`);
    expect(trust('audit', 'verify', doubled)).toMatchObject({ code: 1, err: expect.stringMatching(/: an empty line is followed by more lines$/) });
    expect(python(doubled)).toMatchObject({ code: 1, out: expect.stringMatching(/: an empty line is followed by more lines$/) });

    // 64 bytes take 86 base64url characters, the last carrying 2 bits of data and 4 unused: a
    // decoder reads the same signature whatever those 4 bits are.
    const index = lines.findIndex((l) => l.startsWith('{"checkpoint":'));
    const signature = (JSON.parse(lines[index]) as { signature: string }).signature;
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = signature.slice(0, -1) + ALPHABET[ALPHABET.indexOf(signature.at(-1)!) + 5];
    expect(Buffer.from(respelled, 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
    const seq = (JSON.parse(lines[index]) as { checkpoint: { seq: number } }).checkpoint.seq;
    const malleated = variant('respelled.jsonl', lines.map((l, i) => (i === index ? l.replace(signature, respelled) : l)).join('\n'));
    const bad = trust('audit', 'verify', malleated);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      new RegExp(
        `^FAILED at line ${index + 1}, event ${seq}: the checkpoint’s signature at sequence ${seq} is not canonical base64url \\(86 characters for 64 bytes, unused bits zero\\)$`,
      ),
    );
    expect(python(malleated)).toMatchObject({
      code: 1,
      out: `FAILED at line ${index + 1}: the checkpoint's signature at sequence ${seq} is not canonical base64url of 64 bytes`,
    });
  }, 120_000);

  it('prints the head as SEQ:HASH and, given an earlier head, refuses a log cut short or rewritten', () => {
    const first = trust('audit', 'verify', file);
    const [, seq, hash] = /head (\d+):([0-9a-f]{64}),/.exec(first.out)!;
    const head = `${seq}:${hash}`;
    expect(python(file).out).toContain(`head ${head},`);

    // A later export holds more events (the first export is itself one) and extends the head.
    const later = path.join(dir, 'acme-later.jsonl');
    expect(trust('audit', 'export', '--tenant', 'acme', '--out', later).code).toBe(0);
    const extended = trust('audit', 'verify', later, '--previous-head', head);
    expect(extended).toMatchObject({ code: 0, out: expect.stringContaining(`, extends ${seq}:${hash.slice(0, 16)}…`) });
    expect(python(later, '--previous-head', head).code).toBe(0);
    const laterHead = /head (\d+:[0-9a-f]{64}),/.exec(extended.out)![1];
    expect(Number(laterHead.split(':')[0])).toBeGreaterThan(Number(seq));

    // The earlier file offered again after the later head was seen: a rollback.
    const rolledBack = trust('audit', 'verify', file, '--previous-head', laterHead);
    expect(rolledBack.code).toBe(1);
    expect(rolledBack.err).toMatch(new RegExp(`: the log ends at sequence ${seq}, before the previous head ${laterHead} \\(cut short or rolled back\\)$`));
    expect(python(file, '--previous-head', laterHead)).toMatchObject({ code: 1, out: expect.stringContaining('cut short or rolled back') });

    // Same length, other history.
    const other = `${seq}:${'0'.repeat(63)}1`;
    const rewritten = trust('audit', 'verify', file, '--previous-head', other);
    expect(rewritten.code).toBe(1);
    expect(rewritten.err).toMatch(
      new RegExp(
        `^FAILED at line \\d+, event ${seq} \\([0-9a-f-]{36}\\): the hash at sequence ${seq} differs from the previous head’s \\(the log was rewritten\\)$`,
      ),
    );
    expect(python(file, '--previous-head', other)).toMatchObject({ code: 1, out: expect.stringContaining('the log was rewritten') });

    expect(trust('audit', 'verify', file, '--previous-head', 'latest')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Error: --previous-head "latest": give the previous head as SEQ:HASH/),
    });
    expect(python(file, '--previous-head', 'latest').code).toBe(2);
  }, 180_000);

  it('says what is wrong with the command line', () => {
    expect(trust('audit', 'export')).toMatchObject({ code: 1, err: 'Error: Name one chain: --tenant <slug> or --vendor.' });
    expect(trust('audit', 'export', '--tenant', 'nope')).toMatchObject({ code: 1, err: 'Error: There is no tenant with the slug “nope”.' });
    expect(trust('audit', 'verify', path.join(dir, 'missing.jsonl'))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Error: Cannot read .*missing.jsonl: no such file.$/),
    });
  }, 60_000);
});
