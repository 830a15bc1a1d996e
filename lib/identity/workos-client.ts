import 'server-only';
import { WorkOS } from '@workos-inc/node';
import type { Config } from '@/lib/core/config';
import { AppError } from '@/lib/core/errors';

/**
 * The part of the WorkOS SDK this app uses, as a structural type: tests and the CLI hand in
 * the real SDK pointed at a fake WorkOS server, nothing here depends on the class itself.
 */
export type WorkOSClient = Pick<WorkOS, 'sso' | 'directorySync'>;

export function workosClient(cfg: Pick<Config, 'workos' | 'workosConfigured'>): WorkOSClient {
  if (!cfg.workosConfigured) {
    throw new AppError('sso_not_configured', 'WorkOS is not configured on this server (WORKOS_API_KEY and WORKOS_CLIENT_ID).', 404);
  }
  return new WorkOS(cfg.workos.apiKey!, {
    clientId: cfg.workos.clientId,
    apiHostname: cfg.workos.apiHostname,
    port: cfg.workos.port,
    https: cfg.workos.https,
  });
}
