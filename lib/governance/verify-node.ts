import { createHash, createPublicKey, verify } from 'node:crypto';
import type { PublicJwk } from './format';
import type { VerifyCrypto } from './verify';

/** The verifier's cryptography on Node: node:crypto throughout. */
export const nodeVerifyCrypto: VerifyCrypto = {
  chainHash: (prevHex, text) => createHash('sha256').update(Buffer.from(prevHex, 'hex')).update(text, 'utf8').digest('hex'),
  sha256Base64url: (text) => createHash('sha256').update(text, 'utf8').digest('base64url'),
  verifySignature: (key: PublicJwk, message, signature) => {
    try {
      const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x }, format: 'jwk' });
      return verify(null, Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  },
};

/** Trusted keys from a file: a JWK, a JWK set, or an SPKI PEM public key. */
export function readPublicKeys(text: string): PublicJwk[] {
  const trimmed = text.trim();
  const fromJwk = (k: { kty?: string; crv?: string; x?: string }): PublicJwk => {
    if (k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') throw new Error('the public key is not an Ed25519 JWK');
    return { kty: 'OKP', crv: 'Ed25519', x: k.x, kid: nodeVerifyCrypto.sha256Base64url(`{"crv":"Ed25519","kty":"OKP","x":"${k.x}"}`) };
  };
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as { keys?: unknown[]; kty?: string; crv?: string; x?: string };
    return Array.isArray(parsed.keys) ? parsed.keys.map((k) => fromJwk(k as PublicJwk)) : [fromJwk(parsed)];
  }
  let key;
  try {
    key = createPublicKey(trimmed);
  } catch {
    throw new Error('the public key file is neither a JWK, a JWK set nor a PEM public key');
  }
  return [fromJwk(key.export({ format: 'jwk' }))];
}
