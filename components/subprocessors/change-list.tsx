import { formatDate } from '@/lib/core/dates';
import type { ReactNode } from 'react';
import { isoDate } from '@/lib/subprocessors/dates';
import { KIND_LABELS, type PendingChange } from '@/lib/subprocessors/timeline';

const BADGE = {
  add: 'bg-emerald-100 text-emerald-900',
  update: 'bg-sky-100 text-sky-900',
  remove: 'bg-rose-100 text-rose-900',
} as const;

/** Scheduled changes, soonest first: what changes, and from when. */
export function ChangeList<T extends PendingChange>({ changes, extra }: { changes: T[]; extra?: (change: T) => ReactNode }) {
  return (
    <ol className="space-y-3">
      {changes.map((c) => (
        <li key={c.id} id={`change-${c.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="font-semibold text-slate-900">
              <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${BADGE[c.kind]}`}>{KIND_LABELS[c.kind]}</span>
              {c.name}
            </h3>
            <p className="text-sm text-slate-700">
              Effective{' '}
              <time dateTime={isoDate(c.effectiveAt)} className="font-semibold text-slate-900">
                {formatDate(c.effectiveAt)}
              </time>
            </p>
          </div>
          <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
            {c.differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
          {c.reason ? (
            <p className="mt-2 text-sm text-slate-700">
              <span className="font-medium">Reason:</span> {c.reason}
            </p>
          ) : null}
          {extra ? extra(c) : null}
        </li>
      ))}
    </ol>
  );
}
