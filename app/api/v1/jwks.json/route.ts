import { handler } from '@/lib/api/handler';
import { grantTokenKeys } from '@/lib/integration/grant-tokens';

/** The public keys that verify grant tokens (JWK set). Services may cache it for five minutes. */
export const GET = handler({ access: 'public', db: false }, async () => ({
  json: grantTokenKeys(),
  headers: { 'Cache-Control': 'public, max-age=300' },
}));
