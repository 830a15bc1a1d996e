// The operator CLI: `npm run trust -- <command>` (the commands are listed in the README).
import { loadConfig } from '@/lib/core/config';
import { migrate } from '@/lib/db/migrate';
import { openDatabase } from '@/lib/db/open';
import { seedDemoData } from '@/lib/seed/seed';
import { systemClock } from '@/lib/core/clock';
import { reconcileDirectories } from '@/lib/identity/reconcile';
import { workosClient } from '@/lib/identity/workos-client';
import { auditExport, auditVerify } from '@/lib/governance/cli';
import { securityAuditCommand } from '@/lib/security-audit/command';

const USAGE = `Usage: npm run trust -- <command>

Commands:
  db migrate   apply pending database migrations
  db seed      migrate, then load the demo tenants, accounts and records (idempotent)
  workos sync  pull every directory's users and groups from WorkOS and converge to them
  audit export --tenant <slug> | --vendor [--out file]
               a governance chain as JSON Lines with its signed checkpoints (stdout by default)
  audit verify <file> [--public-key <jwk-or-pem-file>] [--previous-head SEQ:HASH]
               check an exported chain and its signatures; needs no database. The summary
               prints the head as SEQ:HASH: give it as --previous-head next time to fail
               on a chain cut short, rolled back or rewritten since
  security audit [--json]
               check the configuration and database for misconfiguration; exit 1 on a high finding

Uses DATABASE_URL (or DATABASE_ADMIN_URL for migrations) when set, else the embedded
database under DATA_DIR (default .data/); stop the server first when using the embedded one.`;

async function withAdmin<T>(fn: (admin: ReturnType<Awaited<ReturnType<typeof openDatabase>>['admin']>) => Promise<T>) {
  const db = await openDatabase(loadConfig());
  const admin = db.admin();
  try {
    return await fn(admin);
  } finally {
    await admin.close();
    await db.database.close();
  }
}

const commands: Record<string, (rest: string[]) => Promise<void | number>> = {
  'db migrate': () =>
    withAdmin(async (admin) => {
      const applied = await migrate(admin);
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
    }),
  'db seed': () =>
    withAdmin(async (admin) => {
      await migrate(admin);
      const { tenants, users } = await seedDemoData(admin);
      console.log(`Demo data loaded: ${tenants} tenants, ${users} accounts.`);
    }),
};

async function workosSync() {
  const cfg = loadConfig();
  const db = await openDatabase(cfg);
  try {
    const reports = await reconcileDirectories(db.database, systemClock, workosClient(cfg), cfg.workos);
    for (const r of reports) {
      console.log(`${r.directory}: ${r.users} users, ${r.groups} groups, ${r.deprovisioned} deprovisioned`);
    }
  } finally {
    await db.database.close();
  }
}
commands['workos sync'] = workosSync;
commands['audit export'] = auditExport;
commands['audit verify'] = auditVerify;
commands['security audit'] = (rest) => securityAuditCommand(rest);

const args = process.argv.slice(2);
const command = commands[args.slice(0, 2).join(' ')];
const askedForHelp = args.length === 0 || args.includes('--help') || args.includes('-h');
if (!command || askedForHelp) {
  console.log(USAGE);
  process.exit(askedForHelp ? 0 : 2);
}
command(args.slice(2)).then(
  (code) => process.exit(code ?? 0),
  (error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
