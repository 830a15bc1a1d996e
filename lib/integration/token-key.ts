import 'server-only';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { generatedSecret } from '@/lib/config/secrets';
import { config } from '@/lib/core/config';
import { parseSigningKey, type SigningKey } from '@/lib/governance/signing-key';

let cached: SigningKey | undefined;

/**
 * The key that signs grant tokens: GRANT_TOKEN_SIGNING_KEY, or one generated once under
 * DATA_DIR. Not the governance log's key: a token key is used on every call and may be rotated
 * on its own, while the log's key vouches for history.
 */
export function grantTokenKey(): SigningKey {
  if (cached) return cached;
  const { grantTokenSigningKey, dataDir } = config();
  cached = grantTokenSigningKey
    ? parseSigningKey(grantTokenSigningKey, 'env', 'GRANT_TOKEN_SIGNING_KEY')
    : parseSigningKey(
        generatedSecret(path.resolve(dataDir, 'grant-token-key.pem'), () =>
          generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        ),
        'generated',
        'GRANT_TOKEN_SIGNING_KEY',
      );
  return cached;
}
