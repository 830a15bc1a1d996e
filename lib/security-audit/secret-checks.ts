import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '@/lib/core/config';
import { parseSigningKey } from '@/lib/governance/signing-key';
import { type Finding, inProduction, type Posture } from './findings';

/** A secret the app generates under DATA_DIR when none is given (lib/config/secrets.ts). */
export interface SecretFile {
  path: string;
  exists: boolean;
  /** Permission bits, when it exists. */
  mode: number | null;
}

export type SessionSecretFacts = { source: 'env'; distinctCharacters: number } | { source: 'generated'; file: SecretFile };

export type SigningKeyFacts =
  { source: 'env'; kid: string } | { source: 'env'; problem: string } | { source: 'generated'; file: SecretFile; kid: string | null; problem?: string };

export interface SecretFacts {
  sessionSecret: SessionSecretFacts;
  signingKey: SigningKeyFacts;
  grantTokenKey: SigningKeyFacts;
}

function secretFile(dataDir: string, name: string): SecretFile {
  const file = path.resolve(dataDir, name);
  try {
    return { path: file, exists: true, mode: fs.statSync(file).mode & 0o777 };
  } catch {
    return { path: file, exists: false, mode: null };
  }
}

/**
 * Where the session secret and the signing key come from, reading (never creating) the files
 * the app would generate: the audit must not make the secrets it reports.
 */
export function gatherSecretFacts(cfg: Config): SecretFacts {
  const sessionSecret: SessionSecretFacts = cfg.sessionSecret
    ? { source: 'env', distinctCharacters: new Set(cfg.sessionSecret).size }
    : { source: 'generated', file: secretFile(cfg.dataDir, 'session-secret') };
  const signingKey = keyFacts(cfg.auditSigningKey, cfg.dataDir, 'audit-signing-key.pem', 'AUDIT_SIGNING_KEY');
  const grantTokenKey = keyFacts(cfg.grantTokenSigningKey, cfg.dataDir, 'grant-token-key.pem', 'GRANT_TOKEN_SIGNING_KEY');
  return { sessionSecret, signingKey, grantTokenKey };
}

/** An Ed25519 key given in `variable`, or the one the app generates as `fileName` under DATA_DIR. */
function keyFacts(given: string | undefined, dataDir: string, fileName: string, variable: string): SigningKeyFacts {
  if (given) {
    try {
      return { source: 'env', kid: parseSigningKey(given, 'env', variable).kid };
    } catch (error) {
      return { source: 'env', problem: error instanceof Error ? error.message : String(error) };
    }
  }
  const file = secretFile(dataDir, fileName);
  const facts: SigningKeyFacts = { source: 'generated', file, kid: null };
  if (file.exists) {
    try {
      facts.kid = parseSigningKey(fs.readFileSync(file.path, 'utf8'), 'generated', variable).kid;
    } catch (error) {
      facts.problem = error instanceof Error ? error.message : String(error);
    }
  }
  return facts;
}

const kept = (file: SecretFile, what: string) =>
  file.exists ? `the app keeps a generated ${what} in ${file.path}` : `the app will generate ${what} in ${file.path} at its first start`;

function sessionSecretFindings(facts: SessionSecretFacts, posture: Posture): Finding[] {
  if (facts.source === 'env') {
    // Random base64 or hex has 16 or more distinct characters; a repeated word has a handful.
    if (facts.distinctCharacters >= 8) return [];
    return [
      {
        id: 'config/session-secret-weak',
        severity: 'medium',
        title: 'SESSION_SECRET looks guessable',
        found: `SESSION_SECRET uses only ${facts.distinctCharacters} distinct characters: it is not a random value.`,
        fix: 'Set SESSION_SECRET to a random value: openssl rand -base64 48.',
      },
    ];
  }
  return [
    {
      id: 'config/session-secret-generated',
      severity: inProduction(posture, 'high', 'low'),
      title: 'SESSION_SECRET is not given: a generated one is used',
      found: `SESSION_SECRET is not set, so ${kept(facts.file, 'a secret')}. It sits next to the data, each instance makes its own, and it is lost with DATA_DIR.`,
      fix: 'Set SESSION_SECRET to a random value of at least 32 characters (openssl rand -base64 48), the same on every instance, from your secret store.',
    },
  ];
}

function signingKeyFindings(facts: SigningKeyFacts, posture: Posture): Finding[] {
  if (facts.source === 'env') {
    if ('problem' in facts) {
      return [
        {
          id: 'config/signing-key-invalid',
          severity: 'high',
          title: 'AUDIT_SIGNING_KEY is unusable',
          found: `${facts.problem}: governance-log checkpoints are not signed and /.well-known/audit-signing-key.json fails.`,
          fix: 'Set AUDIT_SIGNING_KEY to an Ed25519 private key in PKCS#8 PEM or JWK form (openssl genpkey -algorithm ed25519).',
        },
      ];
    }
    return [
      {
        id: 'config/signing-key',
        severity: 'info',
        title: 'Governance checkpoints are signed with the key given in AUDIT_SIGNING_KEY',
        found: `Key id ${facts.kid}.`,
        fix: 'Nothing to do; customers who pin the public key should see this key id listed at /.well-known/audit-signing-key.json.',
      },
    ];
  }
  if (facts.problem) {
    return [
      {
        id: 'config/signing-key-invalid',
        severity: 'high',
        title: 'The generated signing key is unusable',
        found: `${facts.file.path}: ${facts.problem}. Governance-log checkpoints cannot be signed.`,
        fix: 'Set AUDIT_SIGNING_KEY to an Ed25519 private key (openssl genpkey -algorithm ed25519).',
      },
    ];
  }
  return [
    {
      id: 'config/signing-key-generated',
      severity: inProduction(posture, 'high', 'low'),
      title: 'AUDIT_SIGNING_KEY is not given: checkpoints are signed with a generated key',
      found: `AUDIT_SIGNING_KEY is not set, so ${kept(facts.file, 'an Ed25519 key')}${facts.kid ? ` (key id ${facts.kid})` : ''}. Whoever can change the data can also read that key and re-sign a rewritten log, and customers’ pinned key is lost with DATA_DIR.`,
      fix: 'Generate a key (openssl genpkey -algorithm ed25519) and give it as AUDIT_SIGNING_KEY from your secret store; keys that signed earlier checkpoints stay listed.',
    },
  ];
}

function grantTokenKeyFindings(facts: SigningKeyFacts, posture: Posture): Finding[] {
  if (facts.source === 'env' && !('problem' in facts)) return [];
  if ('problem' in facts && facts.problem) {
    return [
      {
        id: 'config/grant-token-key-invalid',
        severity: 'high',
        title: 'The key that signs grant tokens is unusable',
        found: `${facts.problem}: /api/v1/lockbox/tokens and /api/v1/jwks.json fail.`,
        fix: 'Set GRANT_TOKEN_SIGNING_KEY to an Ed25519 private key in PKCS#8 PEM or JWK form (openssl genpkey -algorithm ed25519).',
      },
    ];
  }
  if (facts.source !== 'generated') return [];
  return [
    {
      id: 'config/grant-token-key-generated',
      severity: inProduction(posture, 'high', 'low'),
      title: 'GRANT_TOKEN_SIGNING_KEY is not given: grant tokens are signed with a generated key',
      found: `GRANT_TOKEN_SIGNING_KEY is not set, so ${kept(facts.file, 'an Ed25519 key')}. Each instance with a DATA_DIR of its own signs with a key the others do not publish, so your services refuse its tokens.`,
      fix: 'Generate a key (openssl genpkey -algorithm ed25519) and give it as GRANT_TOKEN_SIGNING_KEY, the same on every instance, from your secret store.',
    },
  ];
}

function fileModeFindings(facts: SecretFacts): Finding[] {
  const files = [facts.sessionSecret, facts.signingKey, facts.grantTokenKey].flatMap((f) => (f.source === 'generated' ? [f.file] : []));
  return files
    .filter((file) => file.mode !== null && (file.mode & 0o077) !== 0)
    .map((file) => ({
      id: 'config/secret-file-readable',
      severity: 'medium' as const,
      subject: file.path,
      title: `A generated secret is readable by other users: ${path.basename(file.path)}`,
      found: `${file.path} has mode ${file.mode!.toString(8).padStart(3, '0')}; the app writes it 600.`,
      fix: `chmod 600 ${file.path}, or better, give the secret in the environment.`,
    }));
}

export function secretFindings(facts: SecretFacts, posture: Posture): Finding[] {
  return [
    ...sessionSecretFindings(facts.sessionSecret, posture),
    ...signingKeyFindings(facts.signingKey, posture),
    ...grantTokenKeyFindings(facts.grantTokenKey, posture),
    ...fileModeFindings(facts),
  ];
}
