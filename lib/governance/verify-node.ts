import { createHash, createPublicKey, verify } from 'node:crypto';
import type { PublicJwk } from './format';
import { trustedKeysFromJwk, type VerifyCrypto } from './verify';

const last = { hex: '', bytes: Buffer.alloc(0) };

/** The verifier's cryptography on Node: node:crypto throughout. */
export const nodeVerifyCrypto: VerifyCrypto = {
  chainHash: (prevHex, text) => {
    // The previous hash is nearly always the one just computed: reuse its bytes.
    const prev = prevHex === last.hex ? last.bytes : Buffer.from(prevHex, 'hex');
    last.bytes = createHash('sha256').update(prev).update(text, 'utf8').digest();
    last.hex = last.bytes.toString('hex');
    return last.hex;
  },
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
  if (trimmed.startsWith('{')) return trustedKeysFromJwk(trimmed, nodeVerifyCrypto);
  let key;
  try {
    key = createPublicKey(trimmed);
  } catch {
    throw new Error('the public key file is neither a JWK, a JWK set nor a PEM public key');
  }
  return trustedKeysFromJwk(JSON.stringify(key.export({ format: 'jwk' })), nodeVerifyCrypto);
}
