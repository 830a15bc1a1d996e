import { Table } from '@/components/ui/table';
import { formatDateTime } from '@/lib/core/dates';
import type { ReportedAccess } from '@/lib/integration/access-list';

const GRANT_LABELS = { lockbox: 'Lockbox grant', break_glass: 'Break-glass session' } as const;

/** The accesses the vendor's product reported: who, what, when, and the grant that covered it (or none, flagged). */
export function ReportedAccessTable({ accesses, caption }: { accesses: ReportedAccess[]; caption: string }) {
  return (
    <Table
      caption={caption}
      minWidth="xl"
      className="mt-3"
      columns={[{ label: 'When', width: 'w-40' }, { label: 'Staff member' }, { label: 'What' }, { label: 'Covered by', width: 'w-56' }]}
    >
      {accesses.map((a) => (
        <tr key={a.id} className={a.covered ? undefined : 'bg-red-50'}>
          <td className="px-3 py-2">{formatDateTime(a.occurredAt)}</td>
          <td className="px-3 py-2 break-words">{a.staff}</td>
          <td className="px-3 py-2">
            {a.action === 'write' ? 'Changed' : 'Read'} {a.resource}
            {a.records.length ? (
              <span className="block text-xs text-slate-600">
                {a.records.length === 1 ? 'Record' : `${a.records.length} records`}: {a.records.slice(0, 5).join(', ')}
                {a.records.length > 5 ? ', …' : ''}
              </span>
            ) : null}
          </td>
          <td className="px-3 py-2">
            {a.covered && a.grantKind ? (
              <>
                {GRANT_LABELS[a.grantKind]}
                {a.ticket ? <span className="block text-xs text-slate-600">Ticket {a.ticket}</span> : null}
              </>
            ) : (
              <span className="font-medium text-red-800">No grant covered this access</span>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
