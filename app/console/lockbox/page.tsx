import { Table } from '@/components/ui/table';
import { type PageSearchParams, pageParam, singleParam } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import type { LockboxRequestView } from '@/lib/lockbox/views';
import Link from 'next/link';
import { Back } from '@/components/lockbox/controls';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { ACCESS_LABELS, DONE_MESSAGES, LOCKBOX_ERRORS, durationLabel } from '@/components/lockbox/format';
import { RequestCard } from '@/components/lockbox/request-card';
import { SessionList } from '@/components/lockbox/session-card';
import { StateBadge } from '@/components/lockbox/state-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { requireCustomer } from '@/lib/auth/request';
import { listSessions } from '@/lib/break-glass/sessions';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { listRequests } from '@/lib/lockbox/requests';
import { readLockboxSettings } from '@/lib/lockbox/settings';
import { Section } from '@/components/ui/section';
import { ReportedAccessTable } from '@/components/lockbox/reported-accesses';
import { accessCountsByGrant, listReportedAccesses } from '@/lib/integration/access-list';

export const metadata: Metadata = { title: 'Lockbox', description: 'Approve, deny and revoke vendor staff access to your organization’s data.' };

const HERE = '/console/lockbox';
const PAGE_SIZE = 10;
const LATEST_ACCESSES = 10;

/** Which request a button acts on, for screen readers: " the request of Ann, ticket CASE-1". */
function OfRequest({ what, request }: { what: string; request: LockboxRequestView }) {
  return (
    <span className="sr-only">
      {' '}
      {what} of {request.requester.name}, ticket {request.ticket}
    </span>
  );
}

export default async function ConsoleLockbox({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireCustomer(HERE);
  const query = await searchParams;
  const page = pageParam(query.page);
  const db = await getDatabase();
  const now = systemClock.now();
  const [pending, approved, history, sessions, settings, reported] = await Promise.all([
    listRequests({ db, clock: systemClock, actor }, { states: ['pending'], limit: 200 }),
    listRequests({ db, clock: systemClock, actor }, { states: ['active'], limit: 200 }),
    listRequests({ db, clock: systemClock, actor }, { states: ['denied', 'expired', 'revoked'], limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listSessions({ db, clock: systemClock, actor }, { limit: 20 }),
    readLockboxSettings({ db, actor }),
    listReportedAccesses({ db, actor }, { limit: LATEST_ACCESSES, offset: 0 }),
  ]);
  const accessCounts = await accessCountsByGrant(
    { db, actor },
    approved.requests.map((r) => r.id),
  );
  const waiting = pending.requests;
  const active = approved.requests;
  const isAdmin = actor.role === 'customer_admin';
  const done = singleParam(query.done);
  return (
    <div>
      <PageHeading title="Lockbox">
        Vendor support engineers can read {actor.tenantName}’s data only with your approval, for a limited time. In an emergency a designated break-glass holder
        can open access without it; you are told at once and the session is reviewed.
      </PageHeading>
      <FormNotice error={singleParam(query.error)} errors={LOCKBOX_ERRORS} success={done ? DONE_MESSAGES[done] : undefined} />
      <p className="mb-6 text-sm text-slate-700">
        Requests wait {settings.requestExpiryMinutes / 60} hours for an answer and need{' '}
        {settings.requiredApprovals === 2 ? 'two customer admins’ approvals' : 'one customer admin’s approval'}.{' '}
        <Link href="/console/lockbox/settings" className="text-brand-700 underline hover:text-brand-900">
          {isAdmin ? 'Change the lockbox settings' : 'Lockbox settings'}
        </Link>
      </p>

      <Section id="pending" title={`Pending requests (${waiting.length})`}>
        {waiting.length === 0 ? (
          <EmptyState className="mt-3" title="No requests waiting">
            When a vendor support engineer asks for access, the request appears here.
          </EmptyState>
        ) : (
          <ol className="mt-3 space-y-4">
            {waiting.map((r) => {
              const approvedByMe = r.approvals.some((a) => a.approverId === actor.userId);
              return (
                <RequestCard key={r.id} request={r} now={now} showRequester>
                  {isAdmin ? (
                    <form method="post" action={`/api/lockbox/requests/${r.id}/approve`} className="mt-4 grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
                      <Back to={HERE} />
                      <Field
                        id={`comment-${r.id}`}
                        name="comment"
                        label="Comment"
                        hint="Optional. Sent to the support engineer with your decision."
                        maxLength={2000}
                      />
                      <div className="flex flex-wrap gap-2 sm:mb-5">
                        {approvedByMe ? null : (
                          <SubmitButton>
                            Approve
                            <OfRequest what="the request" request={r} />
                          </SubmitButton>
                        )}
                        <SubmitButton variant="dangerOutline" formAction={`/api/lockbox/requests/${r.id}/deny`}>
                          Deny
                          <OfRequest what="the request" request={r} />
                        </SubmitButton>
                      </div>
                      {approvedByMe ? (
                        <p className="text-sm text-slate-700 sm:col-span-2">You approved this request; another customer admin must approve it too.</p>
                      ) : null}
                    </form>
                  ) : (
                    <p className="mt-3 text-sm text-slate-700">Only your organization’s customer admins can approve or deny requests.</p>
                  )}
                </RequestCard>
              );
            })}
          </ol>
        )}
      </Section>

      <Section id="active" title={`Active access (${active.length})`} className="mt-8">
        {active.length === 0 ? (
          <EmptyState className="mt-3" title="No one has access now">
            Approved requests show here with the time left until access ends.
          </EmptyState>
        ) : (
          <ol className="mt-3 space-y-4">
            {active.map((r) => (
              <RequestCard key={r.id} request={r} now={now} showRequester>
                <p className="mt-3 text-sm text-slate-700">
                  {accessCounts.get(r.id) ? (
                    <a href="#accesses" className="text-brand-700 underline hover:text-brand-900">
                      {accessCounts.get(r.id) === 1 ? '1 access' : `${accessCounts.get(r.id)} accesses`} reported under this grant
                    </a>
                  ) : (
                    'No access reported under this grant yet.'
                  )}
                </p>
                {isAdmin ? (
                  <form method="post" action={`/api/lockbox/requests/${r.id}/revoke`} className="mt-4 grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
                    <Back to={HERE} />
                    <Field id={`revoke-comment-${r.id}`} name="comment" label="Comment" hint="Optional. Sent to the support engineer." maxLength={2000} />
                    <div className="sm:mb-5">
                      <SubmitButton variant="danger">
                        Revoke
                        <OfRequest what="the access" request={r} />
                      </SubmitButton>
                    </div>
                  </form>
                ) : null}
              </RequestCard>
            ))}
          </ol>
        )}
      </Section>

      <Section id="accesses" title="Accesses to your data" className="mt-8">
        <p className="mt-1 text-sm text-slate-600">
          Reads and changes that the vendor’s product reported, with the grant that covered each. One that no grant covered is marked, and your customer admins
          are told of it at once.
        </p>
        {reported.accesses.length === 0 ? (
          <EmptyState className="mt-3" title="No accesses reported">
            When vendor staff reach your data in the vendor’s product under a grant, each access is listed here.
          </EmptyState>
        ) : (
          <ReportedAccessTable accesses={reported.accesses} caption="The latest reported accesses to your data" />
        )}
        {reported.total > reported.accesses.length ? (
          <p className="mt-2 text-sm">
            <Link href="/console/lockbox/accesses" className="text-brand-700 underline hover:text-brand-900">
              All {reported.total} reported accesses
            </Link>
          </p>
        ) : null}
      </Section>

      <Section id="break-glass" title="Break-glass sessions" className="mt-8">
        <p className="mt-1 text-sm text-slate-600">Emergency access opened by the vendor’s designated holders, with the review written after each.</p>
        <SessionList sessions={sessions.sessions} now={now} empty={<>The vendor has never opened emergency access to {actor.tenantName}’s data.</>} />
        {sessions.total > sessions.sessions.length ? (
          <p className="mt-2 text-sm text-slate-600">
            Showing the latest {sessions.sessions.length} of {sessions.total} sessions.
          </p>
        ) : null}
      </Section>

      <Section id="history" title="History" className="mt-8">
        <p className="mt-1 text-sm text-slate-600">Denied, expired and revoked requests, newest first.</p>
        {history.requests.length === 0 ? (
          <EmptyState className="mt-3" title="No history yet">
            Requests move here once they are denied, expire or are revoked.
          </EmptyState>
        ) : (
          <Table
            columns={[
              { label: 'Requested', width: 'w-32' },
              { label: 'By', width: 'w-44' },
              { label: 'Reason' },
              { label: 'Access', width: 'w-28' },
              { label: 'State', width: 'w-24' },
              { label: 'Outcome', width: 'w-52' },
            ]}
            caption="Past lockbox requests"
            minWidth="xl"
            className="mt-3"
          >
            {history.requests.map((r) => (
              <tr key={r.id} data-request={r.id}>
                <td className="px-3 py-2">{formatDateTime(r.createdAt)}</td>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {r.requester.name}
                  <span className="block break-words font-normal text-slate-600">{r.requester.email}</span>
                </th>
                <td className="px-3 py-2">
                  <span className="line-clamp-3">{r.justification}</span>
                  <span className="block text-slate-600">Ticket {r.ticket}</span>
                </td>
                <td className="px-3 py-2">
                  {ACCESS_LABELS[r.access]}, {durationLabel(r.durationMinutes)}
                </td>
                <td className="px-3 py-2">
                  <StateBadge state={r.state} />
                </td>
                <td className="px-3 py-2">
                  {r.state === 'denied'
                    ? `Denied by ${r.deciderName || 'a customer admin'}${r.decisionComment ? `: “${r.decisionComment}”` : ''}`
                    : r.state === 'revoked'
                      ? `Revoked by ${r.revokerName || 'a customer admin'}, ${formatDateTime(r.revokedAt!)}`
                      : r.grantEndsAt
                        ? `Access ended ${formatDateTime(r.grantEndsAt)}`
                        : `Not answered by ${formatDateTime(r.expiresAt)}`}
                </td>
              </tr>
            ))}
          </Table>
        )}
        <Pagination basePath={HERE} page={page} pageSize={PAGE_SIZE} total={history.total} />
      </Section>
    </div>
  );
}
