import 'server-only';
import type { Config } from '@/lib/core/config';
import type { Database } from '@/lib/db/types';
import { configFindings } from './config-checks';
import { databaseFindings, unreachable } from './database-checks';
import { postureOf } from './findings';
import { buildReport, type AuditReport } from './report';
import { gatherSecretFacts, secretFindings } from './secret-checks';
import { describeDatabaseUrl, transportFindings } from './transport-checks';

export interface AuditInput {
  /** The configuration the app would start with (loadConfig()). */
  config: Config;
  /** The app's database as the app opens it, or why it could not be opened. */
  database: Database | { unavailable: string };
  now: Date;
}

export function describeTarget(config: Config): string {
  const where = config.databaseUrl ? `PostgreSQL ${describeDatabaseUrl(new URL(config.databaseUrl))}` : `the embedded database in ${config.dataDir}`;
  return `${config.appUrl.origin} on ${where}`;
}

/** Every check of `trust security audit`: configuration, secrets, transport and database (docs/security-model.md#auditing-a-deployment). */
export async function runSecurityAudit({ config, database, now }: AuditInput): Promise<AuditReport> {
  const posture = postureOf(config);
  const findings = [
    ...configFindings(config, posture),
    ...secretFindings(gatherSecretFacts(config), posture),
    ...transportFindings(config),
    ...('unavailable' in database ? [unreachable(database.unavailable)] : await databaseFindings(database, posture, now)),
  ];
  return buildReport(describeTarget(config), findings);
}
