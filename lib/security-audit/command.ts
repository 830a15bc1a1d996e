import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Clock, systemClock } from '@/lib/core/clock';
import { type Config, loadConfig } from '@/lib/core/config';
import { openDatabase, type OpenDatabase } from '@/lib/db/open';
import { buildReport, formatJson, formatText, type AuditReport } from './report';
import { runSecurityAudit } from './run';

const options = z.array(z.enum(['--json'], { error: (issue) => `unknown option ${String(issue.input)} (the only one is --json)` }));

/**
 * Opens the database the app would use, without creating anything: an embedded database that
 * does not exist yet is reported, not made.
 */
async function open(config: Config): Promise<OpenDatabase | { unavailable: string }> {
  if (!config.databaseUrl && !fs.existsSync(path.resolve(config.dataDir, 'pglite', 'PG_VERSION'))) {
    return { unavailable: `There is no embedded database in ${path.resolve(config.dataDir, 'pglite')} yet (the app creates it at its first start).` };
  }
  try {
    return await openDatabase(config);
  } catch (error) {
    return { unavailable: `${error instanceof Error ? error.message : String(error)}` };
  }
}

async function audit(env: Record<string, string | undefined>, clock: Clock): Promise<AuditReport> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    return buildReport('a configuration the app refuses', [
      {
        id: 'config/invalid',
        severity: 'high',
        title: 'The configuration is invalid: the app will not start',
        found: error instanceof Error ? error.message : String(error),
        fix: 'Correct the variables named above, then audit again.',
      },
    ]);
  }
  const opened = await open(config);
  try {
    return await runSecurityAudit({ config, database: 'unavailable' in opened ? opened : opened.database, now: clock.now() });
  } finally {
    if (!('unavailable' in opened)) await opened.database.close();
  }
}

/**
 * `npm run trust -- security audit [--json]`: prints the findings and answers the exit code,
 * 1 when any finding is high, 2 for a usage error.
 */
export async function securityAuditCommand(
  args: string[],
  {
    env = process.env,
    clock = systemClock,
    write = (text: string) => console.log(text),
  }: { env?: Record<string, string | undefined>; clock?: Clock; write?: (text: string) => void } = {},
): Promise<number> {
  const parsed = options.safeParse(args);
  if (!parsed.success) {
    write(`security audit: ${parsed.error.issues[0].message}`);
    return 2;
  }
  const report = await audit(env, clock);
  write(parsed.data.includes('--json') ? formatJson(report) : formatText(report));
  return report.exitCode;
}
