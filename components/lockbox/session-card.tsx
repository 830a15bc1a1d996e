import { formatDateTime } from '@/lib/core/dates';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { BreakGlassView } from '@/lib/lockbox/views';
import { durationLabel, timeLeftLabel } from './format';
import { CardFrame } from './card-frame';
import { EmptyState } from '@/components/ui/empty-state';

/** One break-glass session: who opened it, why, when it ended, and its review once written. */
export function SessionCard({
  session: s,
  now,
  tenant,
  children,
}: {
  session: BreakGlassView;
  now: Date;
  tenant?: { slug: string; legalName: string };
  children?: ReactNode;
}) {
  return (
    <CardFrame
      kind="session"
      id={s.id}
      state={s.state === 'active' ? 'active' : s.review ? 'reviewed' : 'ended'}
      title={
        tenant ? (
          <>
            <Link href={`/admin/tenants/${tenant.slug}`} className="text-brand-700 underline hover:text-brand-900">
              {tenant.legalName}
            </Link>
            <span className="font-normal text-slate-700"> · incident {s.incident}</span>
          </>
        ) : (
          <>Incident {s.incident}</>
        )
      }
    >
      <blockquote className="mt-3 whitespace-pre-line border-l-4 border-red-200 pl-3 text-sm text-slate-800">{s.justification}</blockquote>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[11rem_1fr]">
        <dt className="font-medium text-slate-700">Opened by</dt>
        <dd>
          {s.invoker.name} ({s.invoker.email})
        </dd>
        <dt className="font-medium text-slate-700">Started</dt>
        <dd>
          {formatDateTime(s.startedAt)} <span className="text-slate-700">(for {durationLabel(s.durationMinutes)})</span>
        </dd>
        {s.state === 'active' ? (
          <>
            <dt className="font-medium text-slate-700">Ends</dt>
            <dd>
              {formatDateTime(s.endsAt)} <span className="text-slate-700">({timeLeftLabel(s.endsAt, now)})</span>
            </dd>
          </>
        ) : (
          <>
            <dt className="font-medium text-slate-700">Ended</dt>
            <dd>{formatDateTime(s.endedAt ?? s.endsAt)}</dd>
          </>
        )}
        <dt className="font-medium text-slate-700">Review</dt>
        <dd>
          {s.review ? (
            <>
              <span>
                {s.review.reviewerName}, {formatDateTime(s.review.at)}
              </span>
              <p className="mt-1 whitespace-pre-line text-slate-800" data-testid="review">
                {s.review.text}
              </p>
            </>
          ) : s.state === 'active' ? (
            <span className="text-slate-700">Written by the other holder after the session ends.</span>
          ) : (
            <span className="text-amber-800">Not reviewed yet</span>
          )}
        </dd>
      </dl>
      {children}
    </CardFrame>
  );
}

/** Break-glass sessions as cards, or `empty` said under "No break-glass sessions" when there are none. */
export function SessionList({ sessions, now, empty }: { sessions: BreakGlassView[]; now: Date; empty: ReactNode }) {
  return sessions.length === 0 ? (
    <EmptyState className="mt-3" title="No break-glass sessions">
      {empty}
    </EmptyState>
  ) : (
    <ol className="mt-3 space-y-4">
      {sessions.map((s) => (
        <SessionCard key={s.id} session={s} now={now} />
      ))}
    </ol>
  );
}
