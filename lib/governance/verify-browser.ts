// The verifier's cryptography in the browser: audited pure-JavaScript SHA-256 and Ed25519
// (@noble), so verification does not depend on the browser's WebCrypto support.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { PublicJwk } from './format';
import type { VerifyCrypto } from './verify';

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function toBase64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export const browserVerifyCrypto: VerifyCrypto = {
  chainHash: (prevHex, text) => bytesToHex(sha256(concatBytes(hexToBytes(prevHex), utf8ToBytes(text)))),
  sha256Base64url: (text) => toBase64url(sha256(utf8ToBytes(text))),
  verifySignature: (key: PublicJwk, message, signature) => {
    try {
      return ed25519.verify(fromBase64url(signature), utf8ToBytes(message), fromBase64url(key.x));
    } catch {
      return false;
    }
  },
};
