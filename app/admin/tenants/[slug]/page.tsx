import { type PageSearchParams, pageParam, singleParam } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { BreakGlassForm } from '@/components/lockbox/break-glass-form';
import { DONE_MESSAGES, LOCKBOX_ERRORS, timeLeftLabel } from '@/components/lockbox/format';
import { RequestCard } from '@/components/lockbox/request-card';
import { SessionList } from '@/components/lockbox/session-card';
import { LockboxRequestSection } from '@/components/lockbox/request-form';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { requireStaff } from '@/lib/auth/request';
import { listSessions } from '@/lib/break-glass/sessions';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { orNotFound } from '@/lib/http/or-not-found';
import { listRequests } from '@/lib/lockbox/requests';
import { tenantBySlug } from '@/lib/lockbox/tenant';
import { customerAdminCountOf } from '@/lib/tenants/customer-admins';
import { NoAdminWarning } from '@/components/tenants/no-admin';
import { Section } from '@/components/ui/section';
import { BackLink } from '@/components/ui/back-link';
import { TenantKeyForm } from '@/components/integration/tenant-key-form';

export const metadata: Metadata = { title: 'Tenant', description: 'A tenant, and lockbox access to its data.' };

const PAGE_SIZE = 10;

type Props = { params: Promise<{ slug: string }>; searchParams: PageSearchParams };

export default async function TenantPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const actor = await requireStaff(`/admin/tenants/${slug}`, '/admin/tenants/[slug]');
  const query = await searchParams;
  const db = await getDatabase();
  const tenant = await orNotFound(tenantBySlug(db, actor, slug));
  const page = pageParam(query.page);
  const now = systemClock.now();
  const showsRequests = actor.role === 'support' || actor.role === 'trust_admin';
  const showsSessions = actor.role === 'break_glass' || actor.role === 'trust_admin';
  const [requests, sessions, customerAdmins] = await Promise.all([
    showsRequests ? listRequests({ db, clock: systemClock, actor }, { tenantId: tenant.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : null,
    showsSessions ? listSessions({ db, clock: systemClock, actor }, { tenantId: tenant.id, limit: 20 }) : null,
    customerAdminCountOf(db, actor, tenant.id),
  ]);
  const here = `/admin/tenants/${slug}`;
  const myActiveSession = sessions?.sessions.find((s) => s.state === 'active' && s.invoker.id === actor.userId);
  const done = singleParam(query.done);
  return (
    <div>
      <BackLink href="/admin/tenants" underline="darken">
        Tenants
      </BackLink>
      <PageHeading title={tenant.legalName} eyebrow="Tenant">
        {actor.role === 'support'
          ? `To read ${tenant.legalName}’s data, ask its customer admins for access. You can read it only while an approved request is active.`
          : actor.role === 'break_glass'
            ? `In an emergency that cannot wait for ${tenant.legalName}’s approval, you can open break-glass access for up to one hour. The customer is told at once and the session is reviewed by the other holder.`
            : `Lockbox requests and break-glass sessions on ${tenant.legalName}. Trust admins oversee them; they cannot read the data.`}
      </PageHeading>
      <FormNotice error={singleParam(query.error)} errors={LOCKBOX_ERRORS} success={done ? DONE_MESSAGES[done] : undefined} />
      {customerAdmins === 0 ? <NoAdminWarning legalName={tenant.legalName} /> : null}
      <p className="mb-6">
        <Link
          href={`${here}/data`}
          className="inline-block rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50"
        >
          Open {tenant.legalName}’s data
        </Link>
      </p>

      {actor.role === 'support' ? <LockboxRequestSection slug={tenant.slug} legalName={tenant.legalName} back={here} /> : null}

      {actor.role === 'break_glass' ? (
        <section id="break-glass" aria-labelledby="break-glass-heading" className="rounded-lg border border-red-200 bg-white p-5">
          <h2 id="break-glass-heading" className="mb-1 text-lg font-semibold">
            Break-glass access
          </h2>
          {myActiveSession ? (
            <p className="text-sm text-slate-800">
              Your break-glass session is active until {formatDateTime(myActiveSession.endsAt)} ({timeLeftLabel(myActiveSession.endsAt, now)}).{' '}
              <Link href={`${here}/data`} className="font-medium text-brand-700 underline hover:text-brand-900">
                Read {tenant.legalName}’s data
              </Link>{' '}
              or end it on the{' '}
              <Link href="/admin/break-glass" className="text-brand-700 underline hover:text-brand-900">
                break-glass page
              </Link>
              .
            </p>
          ) : (
            <>
              <p className="mb-4 text-sm text-slate-700">Use this only for an incident. Every read is recorded in {tenant.legalName}’s governance log.</p>
              <BreakGlassForm tenant={tenant} back={here} />
            </>
          )}
        </section>
      ) : null}

      {actor.role === 'trust_admin' ? (
        <Section id="integration" title="Your product’s key for this tenant" className="mt-8">
          <TenantKeyForm slug={tenant.slug} externalKey={tenant.externalKey} />
        </Section>
      ) : null}

      {requests ? (
        <Section id="requests" title={actor.role === 'support' ? 'Your requests for this tenant' : 'Lockbox requests for this tenant'} className="mt-8">
          {requests.requests.length === 0 ? (
            <EmptyState className="mt-3" title="No requests yet">
              {actor.role === 'support'
                ? 'Requests you send appear here with the customer’s answer.'
                : 'Support engineers’ requests for this tenant appear here.'}
            </EmptyState>
          ) : (
            <ol className="mt-3 space-y-4">
              {requests.requests.map((r) => (
                <RequestCard key={r.id} request={r} now={now} showRequester={actor.role === 'trust_admin'} />
              ))}
            </ol>
          )}
          <Pagination basePath={here} page={page} pageSize={PAGE_SIZE} total={requests.total} />
        </Section>
      ) : null}

      {sessions ? (
        <Section id="sessions" title="Break-glass sessions on this tenant" className="mt-8">
          <SessionList sessions={sessions.sessions} now={now} empty={<>None has been opened on {tenant.legalName}.</>} />
          {sessions.total > sessions.sessions.length ? (
            <p className="mt-3 text-sm">
              <Link href="/admin/break-glass" className="text-brand-700 underline hover:text-brand-900">
                All {sessions.total} sessions
              </Link>
            </p>
          ) : null}
        </Section>
      ) : null}
    </div>
  );
}
