import { formatDateTime } from '@/lib/core/dates';
import { describeChange } from '@/lib/portal/certification-changes';
import type { CertificationChange } from '@/lib/portal/certifications';

import { EmptyState } from '@/components/ui/empty-state';

/** Who changed what and when; with `showFramework`, the history of several certifications. */
export function CertificationHistory({ changes, showFramework = false }: { changes: CertificationChange[]; showFramework?: boolean }) {
  if (changes.length === 0) return <EmptyState title="No changes recorded yet" />;
  return (
    <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {changes.map((change) => (
        <li key={change.id} className="px-4 py-3 text-sm">
          <p className="text-slate-700">
            <time dateTime={change.changedAt.toISOString()}>{formatDateTime(change.changedAt)}</time> ·{' '}
            <span className="font-medium text-slate-900">{change.changedByName}</span> {change.before ? 'changed' : 'added'}
            {showFramework ? (
              <>
                {' '}
                <span className="font-medium text-slate-900">{change.framework}</span>
              </>
            ) : null}
          </p>
          <ul className="mt-1 space-y-0.5">
            {describeChange(change.before, change.after).map((c) => (
              <li key={c.field} className="text-slate-800">
                <span className="font-medium">{c.field}:</span>{' '}
                {change.before ? (
                  <>
                    <del className="text-slate-600">{c.from}</del> <span aria-hidden="true">→</span>
                    <span className="sr-only"> changed to</span> <ins className="no-underline">{c.to}</ins>
                  </>
                ) : (
                  c.to
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
