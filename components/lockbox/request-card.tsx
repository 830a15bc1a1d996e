import { formatDateTime } from '@/lib/core/dates';
import Link from 'next/link';
import type { LockboxRequestView } from '@/lib/lockbox/views';
import type { ReactNode } from 'react';
import { ACCESS_LABELS, durationLabel, timeLeftLabel } from './format';
import { CardFrame } from './card-frame';

/**
 * One lockbox request as a card: who asked, why, for how long, and where it stands now.
 * `tenant` names the tenant (staff lists across tenants); `children` holds the actions.
 */
export function RequestCard({
  request: r,
  now,
  tenant,
  showRequester = false,
  children,
}: {
  request: LockboxRequestView;
  now: Date;
  tenant?: { slug: string; legalName: string };
  showRequester?: boolean;
  children?: ReactNode;
}) {
  return (
    <CardFrame
      kind="request"
      id={r.id}
      state={r.state}
      title={
        showRequester ? (
          <>
            {r.requester.name} <span className="font-normal text-slate-700">({r.requester.email})</span>
          </>
        ) : tenant ? (
          <Link href={`/admin/tenants/${tenant.slug}`} className="text-brand-700 underline hover:text-brand-900">
            {tenant.legalName}
          </Link>
        ) : (
          <>Ticket {r.ticket}</>
        )
      }
    >
      <blockquote className="mt-3 whitespace-pre-line border-l-4 border-slate-200 pl-3 text-sm text-slate-800">{r.justification}</blockquote>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[11rem_1fr]">
        {showRequester || tenant ? (
          <>
            <dt className="font-medium text-slate-700">Ticket</dt>
            <dd>{r.ticket}</dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-700">Access</dt>
        <dd>
          {ACCESS_LABELS[r.access]} for {durationLabel(r.durationMinutes)}
        </dd>
        <dt className="font-medium text-slate-700">Requested</dt>
        <dd>{formatDateTime(r.createdAt)}</dd>
        {r.state === 'pending' ? (
          <>
            <dt className="font-medium text-slate-700">Expires unanswered</dt>
            <dd>{formatDateTime(r.expiresAt)}</dd>
          </>
        ) : null}
        {r.requiredApprovals > 1 && (r.state === 'pending' || r.approvals.length > 0) ? (
          <>
            <dt className="font-medium text-slate-700">Approvals</dt>
            <dd>
              {r.approvals.length} of {r.requiredApprovals}
              {r.approvals.length ? (
                <ul className="mt-1 space-y-1">
                  {r.approvals.map((a) => (
                    <li key={a.approverId}>
                      {a.name}, {formatDateTime(a.at)}
                      {a.comment ? <span className="text-slate-700">: “{a.comment}”</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </dd>
          </>
        ) : null}
        {r.grantStartsAt && r.grantEndsAt ? (
          <>
            <dt className="font-medium text-slate-700">{r.state === 'active' ? 'Access until' : 'Access window'}</dt>
            <dd>
              {r.state === 'active' ? (
                <>
                  {formatDateTime(r.grantEndsAt)} <span className="text-slate-700">({timeLeftLabel(r.grantEndsAt, now)})</span>
                </>
              ) : (
                <>
                  {formatDateTime(r.grantStartsAt)} to {formatDateTime(r.revokedAt ?? r.grantEndsAt)}
                </>
              )}
            </dd>
          </>
        ) : null}
        {r.decidedAt ? (
          <>
            <dt className="font-medium text-slate-700">{r.status === 'denied' ? 'Denied by' : 'Approved by'}</dt>
            <dd>
              {r.deciderName || 'A customer admin'}, {formatDateTime(r.decidedAt)}
              {r.decisionComment ? <p className="text-slate-700">“{r.decisionComment}”</p> : null}
            </dd>
          </>
        ) : null}
        {r.revokedAt ? (
          <>
            <dt className="font-medium text-slate-700">Revoked by</dt>
            <dd>
              {r.revokerName || 'A customer admin'}, {formatDateTime(r.revokedAt)}
            </dd>
          </>
        ) : null}
      </dl>
      {children}
    </CardFrame>
  );
}
