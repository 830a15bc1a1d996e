// Every governance chain of a PostgreSQL database, exported with the operator CLI and checked
// with the independent verifier, for tests that must show that no chain broke.
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { PublicJwk } from '../../lib/governance/format';
import { verifyLog } from '../../lib/governance/verify';
import { nodeVerifyCrypto } from '../../lib/governance/verify-node';

const root = path.resolve(import.meta.dirname, '..', '..');

/** What every instance of one deployment shares (docs/deployment.md): the session secret and the signing key. */
export function sharedSecrets() {
  const signing = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { SESSION_SECRET: randomBytes(32).toString('base64url'), AUDIT_SIGNING_KEY: signing };
}

/** The public key of AUDIT_SIGNING_KEY, to pin when verifying: only its signatures count. */
export function publicKeyOf(privatePem: string): PublicJwk {
  const { x } = createPublicKey(createPrivateKey(privatePem)).export({ format: 'jwk' }) as { x: string };
  // RFC 7638 thumbprint, as lib/governance/signing-key.ts names the key.
  const kid = createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
}

export interface ExportedEvent {
  seq: number;
  kind: string;
  subject: string;
  payload: Record<string, unknown>;
}

export interface VerifiedChain {
  chain: string;
  events: ExportedEvent[];
}

/**
 * Exports the vendor chain and every tenant's chain with `npm run trust -- audit export` and
 * verifies each against the pinned key; throws naming the first chain that does not verify.
 */
export async function verifyAllChains(env: {
  DATABASE_URL: string;
  DATABASE_ADMIN_URL: string;
  AUDIT_SIGNING_KEY: string;
}): Promise<Map<string, VerifiedChain>> {
  const sql = postgres(env.DATABASE_ADMIN_URL, { max: 1, onnotice: () => {} });
  let slugs: string[];
  try {
    slugs = (await sql<{ slug: string }[]>`select slug from tenants order by slug`).map((r) => r.slug);
  } finally {
    await sql.end();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-chains-'));
  const key = publicKeyOf(env.AUDIT_SIGNING_KEY);
  const chains = new Map<string, VerifiedChain>();
  try {
    for (const target of [null, ...slugs]) {
      const file = path.join(dir, `${target ?? 'vendor'}.jsonl`);
      const exported = spawnSync(
        process.execPath,
        [
          '--conditions=react-server',
          '--import',
          'tsx',
          'scripts/trust.ts',
          'audit',
          'export',
          ...(target ? ['--tenant', target] : ['--vendor']),
          '--out',
          file,
        ],
        { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 },
      );
      if (exported.status !== 0) throw new Error(`audit export of ${target ?? 'the vendor chain'} failed:\n${exported.stdout}${exported.stderr}`);
      const text = fs.readFileSync(file, 'utf8');
      const result = await verifyLog(text, nodeVerifyCrypto, { publicKeys: [key] });
      if (!result.ok) throw new Error(`the ${target ?? 'vendor'} chain does not verify: ${result.summary}`);
      const events = text
        .split('\n')
        .filter((line) => line.startsWith('{"event":'))
        .map((line) => (JSON.parse(line) as { event: ExportedEvent }).event);
      chains.set(target ?? 'vendor', { chain: result.chain, events });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return chains;
}
