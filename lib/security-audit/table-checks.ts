import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/raw';
import { APP_ROLE, type Tx } from '@/lib/db/types';
import type { Finding } from './findings';

export type Privilege = 'select' | 'insert' | 'update' | 'delete' | 'truncate' | 'trigger';

export interface TableFacts {
  name: string;
  kind: 'table' | 'view' | 'materialized view';
  owner: string;
  rlsEnabled: boolean;
  rlsForced: boolean;
  hasTenantId: boolean;
  /** What trust_app may do to it, directly, through PUBLIC or a role it belongs to (any column counts). */
  app: Privilege[];
  /** Views: whether they run with the caller's rights (security_invoker), so the caller's RLS applies. */
  securityInvoker: boolean;
  /** Permissive policies for trust_app or PUBLIC whose condition is plain `true`. */
  openPolicies: { name: string; command: string }[];
}

export interface SchemaFacts {
  tables: TableFacts[];
  /** trust_app (or PUBLIC) may create objects in schema public. */
  appCanCreateInPublic: boolean;
  /** trust_app (or PUBLIC) may create temporary tables in this database. */
  appCanCreateTemp: boolean;
}

const KINDS: Record<string, TableFacts['kind']> = { r: 'table', p: 'table', v: 'view', m: 'materialized view' };

/** Every table and view in schema public, with its RLS state and what trust_app may do to it. */
export async function gatherSchemaFacts(tx: Tx): Promise<SchemaFacts> {
  const rows = await queryRows<{
    name: string;
    kind: string;
    owner: string;
    rls: boolean;
    forced: boolean;
    tenant_id: boolean;
    privileges: string;
    options: string;
  }>(
    tx,
    sql`select c.relname::text as name, c.relkind::text as kind, pg_get_userbyid(c.relowner)::text as owner,
          c.relrowsecurity as rls, c.relforcerowsecurity as forced,
          exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped) as tenant_id,
          concat_ws(',',
            case when has_any_column_privilege(${APP_ROLE}, c.oid, 'SELECT') then 'select' end,
            case when has_any_column_privilege(${APP_ROLE}, c.oid, 'INSERT') then 'insert' end,
            case when has_any_column_privilege(${APP_ROLE}, c.oid, 'UPDATE') then 'update' end,
            case when has_table_privilege(${APP_ROLE}, c.oid, 'DELETE') then 'delete' end,
            case when has_table_privilege(${APP_ROLE}, c.oid, 'TRUNCATE') then 'truncate' end,
            case when has_table_privilege(${APP_ROLE}, c.oid, 'TRIGGER') then 'trigger' end) as privileges,
          coalesce(array_to_string(c.reloptions, ','), '') as options
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
        order by c.relname`,
  );
  const policies = await queryRows<{ table: string; name: string; command: string }>(
    tx,
    sql`select p.tablename::text as table, p.policyname::text as name, p.cmd::text as command
        from pg_policies p
        where p.schemaname = 'public' and p.permissive = 'PERMISSIVE'
          and (${APP_ROLE} = any (p.roles::text[]) or 'public' = any (p.roles::text[]))
          and (p.qual = 'true' or (p.qual is null and p.with_check = 'true'))`,
  );
  const [schema] = await queryRows<{ create: boolean; temp: boolean }>(
    tx,
    sql`select has_schema_privilege(${APP_ROLE}, 'public', 'CREATE') as create,
               has_database_privilege(${APP_ROLE}, current_database(), 'TEMPORARY') as temp`,
  );
  return {
    tables: rows.map((r) => ({
      name: r.name,
      kind: KINDS[r.kind],
      owner: r.owner,
      rlsEnabled: r.rls,
      rlsForced: r.forced,
      hasTenantId: r.tenant_id,
      app: (r.privileges ? r.privileges.split(',') : []) as Privilege[],
      securityInvoker: r.options.split(',').some((o) => /^security_invoker=(true|on|yes|1)$/i.test(o)),
      openPolicies: policies.filter((p) => p.table === r.name).map(({ name, command }) => ({ name, command })),
    })),
    appCanCreateInPublic: schema.create,
    appCanCreateTemp: schema.temp,
  };
}

/**
 * Tables the app may read without row-level security by design: the migration ledger
 * (names and hashes of applied migrations), which the app reads at start and never writes.
 */
export const RLS_EXEMPT: Record<string, Privilege[]> = { trust_schema_migrations: ['select'] };

function tableFindings(t: TableFacts): Finding[] {
  const exemptAllows = RLS_EXEMPT[t.name];
  if (exemptAllows) {
    const extra = t.app.filter((p) => !exemptAllows.includes(p));
    if (extra.length === 0) return [];
    return [
      {
        id: 'db/app-writes-ledger',
        severity: 'high',
        subject: t.name,
        title: `trust_app may change ${t.name}`,
        found: `trust_app holds ${extra.join(', ').toUpperCase()} on ${t.name}: it could hide a migration from the next start-up.`,
        fix: `REVOKE ${extra.join(', ').toUpperCase()} ON ${t.name} FROM trust_app, PUBLIC.`,
      },
    ];
  }
  if (t.kind !== 'table') {
    if (t.app.length === 0 || (t.kind === 'view' && t.securityInvoker)) return [];
    return [
      {
        id: 'db/view-bypasses-rls',
        severity: 'high',
        subject: t.name,
        title: `The ${t.kind} ${t.name} shows trust_app rows past row-level security`,
        found:
          t.kind === 'view'
            ? `${t.name} runs with its owner’s (${t.owner}) rights, not the caller’s, and trust_app may read it: the policies of the tables beneath apply to ${t.owner}, not to the app.`
            : `${t.name} is a materialized view, which has no row-level security, and trust_app may read it.`,
        fix:
          t.kind === 'view'
            ? `ALTER VIEW ${t.name} SET (security_invoker = true), or REVOKE ALL ON ${t.name} FROM trust_app, PUBLIC.`
            : `REVOKE ALL ON ${t.name} FROM trust_app, PUBLIC, or replace it with a table under forced row-level security.`,
      },
    ];
  }
  const findings: Finding[] = [];
  const reason = t.hasTenantId ? 'holds tenant data (tenant_id)' : `is reachable by trust_app (${t.app.join(', ').toUpperCase()})`;
  if ((t.hasTenantId || t.app.length > 0) && (!t.rlsEnabled || !t.rlsForced)) {
    findings.push({
      id: t.rlsEnabled ? 'db/rls-not-forced' : 'db/rls-disabled',
      severity: 'high',
      subject: t.name,
      title: t.rlsEnabled ? `Row-level security is not forced on ${t.name}` : `Row-level security is off on ${t.name}`,
      found: t.rlsEnabled
        ? `${t.name} ${reason} and has row-level security enabled but not forced: its owner (${t.owner}), and anything running as the owner, bypasses the policies.`
        : `${t.name} ${reason} and has no row-level security: every row is visible to every tenant’s transactions.`,
      fix: `In a new migration: ALTER TABLE ${t.name} ENABLE ROW LEVEL SECURITY; ALTER TABLE ${t.name} FORCE ROW LEVEL SECURITY; with policies keyed on app_tenant_id().`,
    });
  }
  if (t.hasTenantId) {
    for (const policy of t.openPolicies) {
      findings.push({
        id: 'db/tenant-policy-open',
        severity: 'high',
        subject: `${t.name}.${policy.name}`,
        title: `Policy ${policy.name} opens every tenant’s rows of ${t.name}`,
        found: `${policy.name} (${policy.command}) on ${t.name} applies to trust_app with the condition true: every tenant’s transactions reach every tenant’s rows.`,
        fix: `Replace ${policy.name} with a policy keyed on app_tenant_id() (and the actor kind), in a new migration.`,
      });
    }
  }
  return findings;
}

function schemaFindings(facts: SchemaFacts): Finding[] {
  const findings: Finding[] = [];
  if (facts.appCanCreateInPublic) {
    findings.push({
      id: 'db/app-creates-in-public',
      severity: 'high',
      title: 'trust_app may create objects in schema public',
      found:
        'trust_app (directly or through PUBLIC) has CREATE on schema public: it could plant functions or operators that the SECURITY DEFINER functions, which search public, call as trust_owner.',
      fix: 'As the database owner: REVOKE CREATE ON SCHEMA public FROM PUBLIC, trust_app.',
    });
  }
  if (facts.appCanCreateTemp) {
    findings.push({
      id: 'db/app-creates-temp',
      severity: 'medium',
      title: 'trust_app may create temporary tables',
      found:
        'trust_app (directly or through PUBLIC) has TEMPORARY on this database: a temporary table shadows a real one for unqualified names for the rest of a pooled connection’s life.',
      fix: 'As the database owner: REVOKE TEMPORARY ON DATABASE <name> FROM PUBLIC, trust_app.',
    });
  }
  return findings;
}

/** Row-level security on every table that holds tenant data or that the app can reach. */
export function rlsFindings(facts: SchemaFacts): Finding[] {
  return [...facts.tables.flatMap(tableFindings), ...schemaFindings(facts)];
}
