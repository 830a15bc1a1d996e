import 'server-only';
import { sql } from 'drizzle-orm';
import { GOVERNANCE } from '@/lib/core/actor';
import { queryRows } from '@/lib/db/raw';
import type { Database, Tx } from '@/lib/db/types';
import { withActor } from '@/lib/db/with-actor';
import { chainFindings, gatherChainFacts } from './chain-checks';
import type { Finding, Posture } from './findings';
import { definerFindings, gatherDefinerFacts } from './function-checks';
import { governanceFindings } from './governance-checks';
import { gatherAppliedMigrations, migrationFindings, notMigrated } from './migration-checks';
import { appRoleFindings, connectionFindings, gatherRoleFacts, ownerRoleFindings } from './role-checks';
import { gatherSecurityTxtFacts, securityTxtFindings } from './security-txt-checks';
import { gatherSchemaFacts, rlsFindings } from './table-checks';

export const unreachable = (reason: string): Finding => ({
  id: 'db/unreachable',
  severity: 'high',
  title: 'The database could not be checked',
  found: `${reason} An audit that cannot look fails rather than passes.`,
  fix: 'Make the database reachable with the configuration the app uses (stop the server first when it runs on the embedded database), then audit again.',
});

/** The database's own words: drizzle wraps them in a message that repeats the query. */
function databaseMessage(error: unknown): string {
  let message = String(error);
  for (let e: unknown = error; e instanceof Error; e = e.cause) message = e.message;
  return message.replace(/\.$/, '');
}

async function exists(tx: Tx, signature: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(tx, sql`select to_regprocedure(${signature}) is not null as found`);
  return row.found;
}

/** Everything the checks look at, read in one read-only transaction as the app's role. */
async function gather(tx: Tx) {
  const migrations = await gatherAppliedMigrations(tx);
  if (!migrations) return null;
  const hasChains = await exists(tx, 'governance_event_json(governance_events)');
  const hasSettings = (await queryRows<{ found: boolean }>(tx, sql`select to_regclass('portal_settings') is not null as found`))[0].found;
  return {
    migrations,
    roles: await gatherRoleFacts(tx),
    schema: await gatherSchemaFacts(tx),
    definers: await gatherDefinerFacts(tx),
    chains: hasChains ? await gatherChainFacts(tx) : null,
    securityTxt: hasSettings ? await gatherSecurityTxtFacts(tx) : undefined,
  };
}

/**
 * Checks the database as the app uses it: the transaction runs as trust_app, exactly as the
 * app's own do, and reads the catalog, the governance chains' ends and the portal settings.
 */
export async function databaseFindings(db: Database, posture: Posture, now: Date): Promise<Finding[]> {
  let facts: Awaited<ReturnType<typeof gather>>;
  try {
    facts = await withActor(db, GOVERNANCE, gather, { readOnly: true });
  } catch (error) {
    return [unreachable(`${databaseMessage(error)}.`)];
  }
  if (!facts) return [notMigrated()];
  return [
    ...migrationFindings(facts.migrations),
    ...appRoleFindings(facts.roles),
    ...ownerRoleFindings(facts.roles),
    // PGlite has one user, a superuser: config/embedded-database says what that means.
    ...(db.backend === 'postgres' ? connectionFindings(facts.roles, posture) : []),
    ...rlsFindings(facts.schema),
    ...definerFindings(facts.definers, facts.schema.appCanCreateTemp),
    ...governanceFindings(facts.schema.tables, facts.definers),
    ...(facts.chains ? chainFindings(facts.chains, now) : []),
    ...(facts.securityTxt !== undefined ? securityTxtFindings(facts.securityTxt, now, posture) : []),
  ];
}
