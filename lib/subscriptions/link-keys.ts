import 'server-only';
import { config } from '@/lib/core/config';
import { sessionSecret } from '@/lib/config/secrets';
import type { LinkKeys } from './tokens';

/** The running server's link keys: APP_URL and the session secret (HMAC, domain-separated). */
export function linkKeys(): LinkKeys {
  return { baseUrl: config().appUrl.origin, secret: sessionSecret() };
}
