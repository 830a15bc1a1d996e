import { Table } from '@/components/ui/table';
import { formatDateTime } from '@/lib/core/dates';
import type { ActorView, GovernanceEventView } from '@/lib/governance/list';
import { kindLabel } from '@/lib/governance/categories';

const PROCESS_ACTORS: Record<string, string> = {
  system: 'The portal (automatic)',
  governance: 'The governance log',
  auth: 'Sign-in',
  directory: 'Directory sync',
  vendor_directory: 'Vendor directory sync',
  anonymous: 'A signed-out visitor',
};

function Person({ id, actors, kind }: { id: string | null; actors: Map<string, ActorView>; kind?: string }) {
  if (!id) return <>{PROCESS_ACTORS[kind ?? ''] ?? kind}</>;
  const a = actors.get(id);
  if (a?.erased) return <span title={`Pseudonym ${id}`}>Erased user</span>;
  if (a?.name || a?.email) {
    return (
      <span title={`Pseudonym ${id}`}>
        {a.name || a.email}
        {a.name && a.email ? <span className="block break-words font-normal text-slate-600">{a.email}</span> : null}
      </span>
    );
  }
  return <span className="font-mono text-xs">{id.slice(0, 8)}…</span>;
}

function Value({ name, value, actors }: { name: string; value: unknown; actors: Map<string, ActorView> }) {
  if (name === 'user' && typeof value === 'string') return <Person id={value} actors={actors} />;
  if (typeof value === 'string') return <>{value}</>;
  return <code className="break-all text-xs">{JSON.stringify(value)}</code>;
}

/** A page of a chain's events, newest first, each with who, what, why and where it sits in the chain. */
export function EventTimeline({ events, actors, caption }: { events: GovernanceEventView[]; actors: Map<string, ActorView>; caption: string }) {
  return (
    <Table
      columns={[
        { label: '#', width: 'w-16' },
        { label: 'Time', width: 'w-44' },
        { label: 'Event', width: 'w-56' },
        { label: 'Who', width: 'w-48' },
        { label: 'Details' },
      ]}
      caption={caption}
      minWidth="2xl"
    >
      {events.map((e) => {
        const details = Object.entries(e.payload).filter(([k]) => k !== 'user' || e.payload.user !== e.actorId);
        return (
          <tr key={e.id} data-event={e.kind} data-seq={e.seq}>
            <td className="px-3 py-2 tabular-nums text-slate-600">{e.seq}</td>
            <td className="px-3 py-2">{formatDateTime(e.occurredAt)}</td>
            <th scope="row" className="px-3 py-2 text-left font-medium">
              {kindLabel(e.kind)}
              <code className="block break-all text-xs font-normal text-slate-600">{e.kind}</code>
            </th>
            <td className="px-3 py-2">
              <Person id={e.actorId} actors={actors} kind={e.actorKind} />
            </td>
            <td className="px-3 py-2">
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
                {e.subject ? (
                  <>
                    <dt className="text-slate-600">Subject</dt>
                    <dd className="break-all">{e.subject}</dd>
                  </>
                ) : null}
                {e.reason ? (
                  <>
                    <dt className="text-slate-600">Reason</dt>
                    <dd className="break-words">{e.reason}</dd>
                  </>
                ) : null}
                {details.map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-slate-600">{k.replace(/_/g, ' ')}</dt>
                    <dd className="[overflow-wrap:anywhere]">
                      <Value name={k} value={v} actors={actors} />
                    </dd>
                  </div>
                ))}
                <dt className="text-slate-600">Hash</dt>
                <dd className="font-mono text-xs text-slate-600" title={e.hash}>
                  {e.hash.slice(0, 16)}…
                </dd>
              </dl>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
