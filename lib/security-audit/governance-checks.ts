import 'server-only';
import { OWNER_ROLE } from '@/lib/db/types';
import type { Finding } from './findings';
import type { DefinerFacts } from './function-checks';
import type { Privilege, TableFacts } from './table-checks';

/**
 * The governance log's tables, what trust_app may do to each (migration 0012), and the only
 * SECURITY DEFINER functions that may write them: append_governance_event is the only way in
 * for events, and governance_seal_event (run at commit) the only one that seals them into a chain.
 */
export const GOVERNANCE_TABLES: Record<string, { app: Privilege[]; writers: string[] }> = {
  governance_events: { app: ['select'], writers: ['append_governance_event', 'governance_seal_event'] },
  governance_chain_heads: { app: ['select'], writers: ['governance_seal_event'] },
  governance_checkpoints: { app: ['select'], writers: ['record_governance_checkpoint'] },
  governance_actors: { app: ['select'], writers: ['governance_pseudonym', 'erase_governance_identity'] },
  // Keys are registered by the log's machinery under the governance_signing_keys_register policy.
  governance_signing_keys: { app: ['select', 'insert'], writers: [] },
};

const WRITE = /\b(insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?(?:public\.)?"?(governance_[a-z_]+)\b/gi;

/** The governance tables a function's body writes (a static reading: dynamic SQL escapes it). */
export function tablesWrittenBy(source: string): string[] {
  return [...new Set([...source.matchAll(WRITE)].map((m) => m[2].toLowerCase()).filter((t) => t in GOVERNANCE_TABLES))];
}

function privilegeFindings(tables: TableFacts[]): Finding[] {
  return tables.flatMap((t) => {
    const allowed = GOVERNANCE_TABLES[t.name]?.app;
    if (!allowed) return [];
    const extra = t.app.filter((p) => !allowed.includes(p)).map((p) => p.toUpperCase());
    if (extra.length === 0) return [];
    return [
      {
        id: 'db/governance-writable',
        severity: 'high' as const,
        subject: t.name,
        title: `trust_app may ${extra.join(', ')} ${t.name} directly`,
        found: `trust_app holds ${extra.join(', ')} on ${t.name}: the governance log is append-only only while append_governance_event() is the sole way in.`,
        fix: `REVOKE ${extra.join(', ')} ON ${t.name} FROM trust_app, PUBLIC; then run \`npm run trust -- audit export\` and \`audit verify\` on every chain to check nothing was changed.`,
      },
    ];
  });
}

function writerFindings(functions: DefinerFacts[]): Finding[] {
  return functions.flatMap((f) =>
    tablesWrittenBy(f.source)
      .filter((table) => !GOVERNANCE_TABLES[table].writers.includes(f.name))
      .map((table) => ({
        id: 'db/governance-other-writer',
        severity: 'high' as const,
        subject: `${f.signature} → ${table}`,
        title: `SECURITY DEFINER function ${f.name} writes ${table}`,
        found: `${f.signature} runs as ${f.owner} and writes ${table}${f.appExecute || f.isTrigger ? ', and trust_app can make it run' : ''}: only ${GOVERNANCE_TABLES[table].writers.join(' and ') || 'the registration policy'} may.`,
        fix: `Drop ${f.signature} or route its writes through append_governance_event(), in a new migration.`,
      })),
  );
}

/** append_governance_event: SECURITY DEFINER, owned by trust_owner, with a pinned search_path, trust_app's only. */
function appendFunctionFindings(functions: DefinerFacts[]): Finding[] {
  const append = functions.filter((f) => f.name === 'append_governance_event');
  const problems =
    append.length === 0
      ? ['there is no SECURITY DEFINER append_governance_event() in schema public']
      : append.flatMap((f) => [
          ...(f.owner === OWNER_ROLE ? [] : [`${f.signature} is owned by ${f.owner}, not trust_owner`]),
          ...(f.searchPath ? [] : [`${f.signature} does not pin its search_path`]),
          ...(f.appExecute ? [] : [`trust_app may not execute ${f.signature}`]),
        ]);
  if (problems.length === 0) return [];
  return [
    {
      id: 'db/governance-append-function',
      severity: 'high',
      title: 'The governance log’s append function is not as migration 0012 made it',
      found: `${problems.join('; ')}.`,
      fix: 'Restore append_governance_event() from drizzle/migrations/0012_governance_chain.sql in a new migration (owned by trust_owner, SET search_path = public, pg_temp, EXECUTE for trust_app only).',
    },
  ];
}

/** The log is append-only for the app: it reads, and appends only through the SECURITY DEFINER function. */
export function governanceFindings(tables: TableFacts[], functions: DefinerFacts[]): Finding[] {
  if (!tables.some((t) => t.name === 'governance_events')) return [];
  return [...privilegeFindings(tables), ...writerFindings(functions), ...appendFunctionFindings(functions)];
}
