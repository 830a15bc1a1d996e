import 'server-only';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import path from 'node:path';
import { config } from '@/lib/core/config';
import { generatedSecret } from '@/lib/config/secrets';
import type { PublicJwk } from './format';

export interface SigningKey {
  privateKey: KeyObject;
  publicJwk: PublicJwk;
  kid: string;
  /** Where it came from: AUDIT_SIGNING_KEY, or generated under DATA_DIR (demo only). */
  source: 'env' | 'generated';
}

/** RFC 7638 thumbprint of an Ed25519 public key: the key id. */
export function jwkThumbprint(x: string): string {
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/** Parses an Ed25519 private key given as PKCS#8 PEM or as a JWK; throws saying what is wrong (naming `variable`). */
export function parseSigningKey(text: string, source: SigningKey['source'], variable = 'AUDIT_SIGNING_KEY'): SigningKey {
  let privateKey: KeyObject;
  try {
    const trimmed = text.trim();
    privateKey = trimmed.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(trimmed) as import('node:crypto').JsonWebKey, format: 'jwk' })
      : createPrivateKey(trimmed);
  } catch {
    throw new Error(`${variable} is not a private key in PKCS#8 PEM or JWK form`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${variable} must be an Ed25519 key`);
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string };
  const kid = jwkThumbprint(x);
  return { privateKey, kid, source, publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' } };
}

let cached: SigningKey | undefined;

/** The key that signs checkpoints: AUDIT_SIGNING_KEY, or one generated once under DATA_DIR. */
export function signingKey(): SigningKey {
  if (cached) return cached;
  const { auditSigningKey, dataDir } = config();
  cached = auditSigningKey
    ? parseSigningKey(auditSigningKey, 'env')
    : parseSigningKey(
        generatedSecret(path.resolve(dataDir, 'audit-signing-key.pem'), () =>
          generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        ),
        'generated',
      );
  return cached;
}

/** Whether a usable key is configured, for `trust security audit`. Throws when AUDIT_SIGNING_KEY is unusable. */
export function signingKeyStatus(): { source: SigningKey['source']; kid: string } {
  const { source, kid } = signingKey();
  return { source, kid };
}

/** Ed25519 signature of a message, base64url. */
export function signMessage(key: SigningKey, message: string): string {
  return sign(null, Buffer.from(message, 'utf8'), key.privateKey).toString('base64url');
}
