import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/raw';
import { APP_ROLE, OWNER_ROLE, SIGNER_ROLE, type Tx } from '@/lib/db/types';
import { type Finding, inProduction, type Posture } from './findings';

export interface RoleFacts {
  name: string;
  superuser: boolean;
  bypassRls: boolean;
  createRole: boolean;
  /** Tables, views and sequences it owns outside the system schemas. */
  ownedRelations: number;
}

export interface RolesFacts {
  /** The role DATABASE_URL logs in as (session_user, whatever role the transaction switched to). */
  connecting: RoleFacts & { canBecomeOwner: boolean };
  app: RoleFacts | null;
  owner: RoleFacts | null;
  /** Roles trust_app can SET ROLE to that bypass row-level security, own tables or sign the log. */
  appEscalations: { name: string; why: string }[];
}

type RoleRow = { name: string; superuser: boolean; bypass_rls: boolean; create_role: boolean; owned: number };

export async function gatherRoleFacts(tx: Tx): Promise<RolesFacts> {
  const rows = await queryRows<RoleRow>(
    tx,
    sql`select r.rolname::text as name, r.rolsuper as superuser, r.rolbypassrls as bypass_rls, r.rolcreaterole as create_role,
          (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relowner = r.oid and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
              and n.nspname <> 'information_schema' and n.nspname not like 'pg\_%') as owned
        from pg_roles r where r.rolname in (session_user, ${APP_ROLE}, ${OWNER_ROLE})`,
  );
  const [session] = await queryRows<{ name: string; can_become_owner: boolean }>(
    tx,
    sql`select session_user::text as name,
          exists (select 1 from pg_roles o where o.rolname = ${OWNER_ROLE} and pg_has_role(session_user, o.oid, 'MEMBER')) as can_become_owner`,
  );
  const escalations = await queryRows<{ name: string; superuser: boolean; bypass_rls: boolean; owns: boolean }>(
    tx,
    sql`select r.rolname::text as name, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
          exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relowner = r.oid and n.nspname = 'public') as owns
        from pg_roles r, pg_roles a
        where a.rolname = ${APP_ROLE} and r.oid <> a.oid and pg_has_role(a.oid, r.oid, 'MEMBER')`,
  );
  const fact = (name: string): RoleFacts | null => {
    const row = rows.find((r) => r.name === name);
    if (!row) return null;
    return { name, superuser: row.superuser, bypassRls: row.bypass_rls, createRole: row.create_role, ownedRelations: Number(row.owned) };
  };
  return {
    connecting: { ...fact(session.name)!, canBecomeOwner: session.can_become_owner },
    app: fact(APP_ROLE),
    owner: fact(OWNER_ROLE),
    appEscalations: escalations
      .filter((r) => r.superuser || r.bypass_rls || r.owns || r.name === OWNER_ROLE || r.name === SIGNER_ROLE)
      .map((r) => ({
        name: r.name,
        why: r.superuser
          ? 'a superuser'
          : r.bypass_rls
            ? 'BYPASSRLS'
            : r.name === SIGNER_ROLE
              ? 'the only role that records checkpoints'
              : 'the owner of tables',
      })),
  };
}

const appRoleFinding = (what: string, title: string, found: string, fix: string, subject?: string): Finding => ({
  id: `db/app-role-${what}`,
  severity: 'high',
  title,
  found,
  fix,
  ...(subject ? { subject } : {}),
});

/** trust_app: never superuser, never BYPASSRLS, never an owner, never able to become one: any of these would let the app's queries step around row-level security. */
export function appRoleFindings(facts: RolesFacts): Finding[] {
  const app = facts.app;
  if (!app) {
    return [
      appRoleFinding(
        'missing',
        'The role trust_app does not exist',
        'The migrations create trust_app; without it no transaction can run as the application role.',
        'Run `npm run trust -- db migrate` with a superuser DATABASE_ADMIN_URL.',
      ),
    ];
  }
  const findings: Finding[] = [];
  const fixAttributes = 'As a superuser: ALTER ROLE trust_app NOSUPERUSER NOBYPASSRLS NOCREATEROLE.';
  if (app.superuser) {
    findings.push(
      appRoleFinding(
        'superuser',
        'trust_app is a superuser',
        'A superuser ignores row-level security and every grant: no tenant isolation, no append-only log.',
        fixAttributes,
      ),
    );
  }
  if (app.bypassRls) {
    findings.push(
      appRoleFinding(
        'bypassrls',
        'trust_app has BYPASSRLS',
        'trust_app ignores every row-level security policy: every tenant sees every tenant.',
        fixAttributes,
      ),
    );
  }
  if (app.createRole) {
    findings.push(
      appRoleFinding(
        'createrole',
        'trust_app has CREATEROLE',
        'trust_app can create roles and grant itself membership of others, such as trust_owner.',
        fixAttributes,
      ),
    );
  }
  if (app.ownedRelations > 0) {
    findings.push(
      appRoleFinding(
        'owner',
        'trust_app owns tables',
        `trust_app owns ${app.ownedRelations} table(s), view(s) or sequence(s): an owner can turn row-level security off and change its policies.`,
        'As a superuser, in this database: REASSIGN OWNED BY trust_app TO trust_owner.',
      ),
    );
  }
  for (const role of facts.appEscalations) {
    findings.push(
      appRoleFinding(
        'membership',
        `trust_app can become ${role.name}`,
        `trust_app is a member of ${role.name}, ${role.why}: SET ROLE ${role.name} ${role.name === SIGNER_ROLE ? 'lets it vouch for any chain head' : 'escapes row-level security'}.`,
        `As a superuser: REVOKE ${role.name} FROM trust_app.`,
        role.name,
      ),
    );
  }
  return findings;
}

/**
 * The role DATABASE_URL logs in as. Connected as anything but trust_app, the app relies on
 * `set_config('role', 'trust_app', true)` in every transaction: one statement that runs before
 * it, or a RESET ROLE slipped into a query, runs with the connecting role's full power.
 */
export function connectionFindings(facts: RolesFacts, posture: Posture): Finding[] {
  const role = facts.connecting;
  if (role.name === APP_ROLE) {
    return [
      {
        id: 'db/connection-role',
        severity: 'info',
        title: 'The app connects as trust_app',
        found: 'DATABASE_URL logs in as trust_app, so row-level security applies to the connection itself, not only after each transaction switches role.',
        fix: 'Nothing to do.',
      },
    ];
  }
  const fix =
    'Point DATABASE_URL at trust_app (with its own password) and keep the owner or superuser only in DATABASE_ADMIN_URL, which is used for migrations.';
  const powers = role.superuser
    ? 'a superuser'
    : role.bypassRls
      ? 'a role with BYPASSRLS'
      : role.name === OWNER_ROLE || role.ownedRelations > 0
        ? 'the owner of the tables'
        : role.canBecomeOwner
          ? 'a member of trust_owner, which owns the tables'
          : null;
  if (powers) {
    return [
      {
        id: 'db/connection-privileged',
        severity: inProduction(posture, 'high', 'medium'),
        title: `The app connects as ${role.name}, ${powers}`,
        found: `DATABASE_URL logs in as ${role.name} and relies on SET LOCAL ROLE trust_app in each transaction. Anything that runs outside that switch (a RESET ROLE, a statement before it, a compromised app process) runs as ${powers}: it can read every tenant, turn row-level security off and rewrite the governance log.`,
        fix,
      },
    ];
  }
  return [
    {
      id: 'db/connection-role',
      severity: 'low',
      title: `The app connects as ${role.name}, not as trust_app`,
      found: `DATABASE_URL logs in as ${role.name}, which has no special powers but depends on switching to trust_app in each transaction.`,
      fix,
    },
  ];
}

/** trust_owner must obey row-level security too: it is forced on every table. */
export function ownerRoleFindings(facts: RolesFacts): Finding[] {
  const owner = facts.owner;
  if (!owner || (!owner.superuser && !owner.bypassRls)) return [];
  return [
    {
      id: 'db/owner-role-privileged',
      severity: 'high',
      title: `trust_owner is ${owner.superuser ? 'a superuser' : 'BYPASSRLS'}`,
      found:
        'trust_owner owns every table and every SECURITY DEFINER function: as a superuser or with BYPASSRLS, those functions run beyond row-level security.',
      fix: 'As a superuser: ALTER ROLE trust_owner NOSUPERUSER NOBYPASSRLS.',
    },
  ];
}
