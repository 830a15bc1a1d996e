import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/raw';
import { APP_ROLE, OWNER_ROLE, type Tx } from '@/lib/db/types';
import type { Finding } from './findings';

/** A SECURITY DEFINER function in schema public: it runs with its owner's rights. */
export interface DefinerFacts {
  /** name(argument types) */
  signature: string;
  name: string;
  owner: string;
  ownerIsSuperuser: boolean;
  /** The search_path it pins (`SET search_path = ...`), or null when it inherits the caller's. */
  searchPath: string[] | null;
  isTrigger: boolean;
  publicExecute: boolean;
  appExecute: boolean;
  source: string;
}

export async function gatherDefinerFacts(tx: Tx): Promise<DefinerFacts[]> {
  const rows = await queryRows<{
    signature: string;
    name: string;
    owner: string;
    owner_super: boolean;
    config: string | null;
    trigger: boolean;
    public_execute: boolean;
    app_execute: boolean;
    source: string;
  }>(
    tx,
    sql`select p.oid::regprocedure::text as signature, p.proname::text as name, o.rolname::text as owner, o.rolsuper as owner_super,
          array_to_string(p.proconfig, chr(10)) as config,
          p.prorettype in ('trigger'::regtype, 'event_trigger'::regtype) as trigger,
          has_function_privilege('public', p.oid, 'EXECUTE') as public_execute,
          has_function_privilege(${APP_ROLE}, p.oid, 'EXECUTE') as app_execute,
          p.prosrc as source
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_roles o on o.oid = p.proowner
        where n.nspname = 'public' and p.prosecdef
        order by 1`,
  );
  return rows.map((r) => {
    const setting = (r.config ?? '').split('\n').find((c) => c.startsWith('search_path='));
    return {
      signature: r.signature,
      name: r.name,
      owner: r.owner,
      ownerIsSuperuser: r.owner_super,
      searchPath: setting
        ? setting
            .slice('search_path='.length)
            .split(',')
            .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
            .filter(Boolean)
        : null,
      isTrigger: r.trigger,
      publicExecute: r.public_execute,
      appExecute: r.app_execute,
      source: r.source,
    };
  });
}

/** Each SECURITY DEFINER function pins its search_path, keeps pg_temp last, is not PUBLIC's and is owned by trust_owner. */
export function definerFindings(functions: DefinerFacts[], appCanCreateTemp: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const f of functions) {
    const subject = f.signature;
    if (!f.searchPath) {
      findings.push({
        id: 'db/definer-search-path',
        severity: 'high',
        subject,
        title: `SECURITY DEFINER function ${f.name} does not pin its search_path`,
        found: `${subject} runs as ${f.owner} with the caller’s search_path: a caller who can put a table or function earlier on the path runs code as ${f.owner}.`,
        fix: `In a new migration: ALTER FUNCTION ${subject} SET search_path = public, pg_temp;`,
      });
    } else if (f.searchPath.at(-1) !== 'pg_temp') {
      findings.push({
        id: 'db/definer-pg-temp',
        severity: appCanCreateTemp ? 'medium' : 'low',
        subject,
        title: `SECURITY DEFINER function ${f.name} does not search pg_temp last`,
        found: `${subject} pins search_path = ${f.searchPath.join(', ')}; PostgreSQL searches pg_temp first for tables when it is not listed${appCanCreateTemp ? ', and trust_app may create temporary tables' : ''}.`,
        fix: `In a new migration: ALTER FUNCTION ${subject} SET search_path = ${[...f.searchPath.filter((s) => s !== 'pg_temp'), 'pg_temp'].join(', ')};`,
      });
    }
    // A trigger function cannot be called directly, so PUBLIC's EXECUTE on it grants nothing.
    if (f.publicExecute && !f.isTrigger) {
      findings.push({
        id: 'db/definer-public-execute',
        severity: 'high',
        subject,
        title: `Every role may call SECURITY DEFINER function ${f.name}`,
        found: `PUBLIC holds EXECUTE on ${subject}, which runs as ${f.owner}: any role in the cluster can call it, not only trust_app.`,
        fix: `In a new migration: REVOKE ALL ON FUNCTION ${subject} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${subject} TO trust_app;`,
      });
    }
    if (f.ownerIsSuperuser || f.owner === APP_ROLE) {
      findings.push({
        id: 'db/definer-owner',
        severity: 'high',
        subject,
        title: `SECURITY DEFINER function ${f.name} is owned by ${f.owner}`,
        found: f.ownerIsSuperuser
          ? `${subject} runs as the superuser ${f.owner}, beyond every policy and grant.`
          : `${subject} is owned by trust_app, which can therefore redefine it.`,
        fix: `ALTER FUNCTION ${subject} OWNER TO trust_owner;`,
      });
    } else if (f.owner !== OWNER_ROLE) {
      findings.push({
        id: 'db/definer-owner',
        severity: 'medium',
        subject,
        title: `SECURITY DEFINER function ${f.name} is owned by ${f.owner}, not trust_owner`,
        found: `${subject} runs as ${f.owner}, a role the migrations do not manage.`,
        fix: `ALTER FUNCTION ${subject} OWNER TO trust_owner;`,
      });
    }
  }
  return findings;
}
