import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { Back } from '@/components/lockbox/controls';
import { Field, TextArea } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { ACCESS_LABELS, DONE_MESSAGES, LOCKBOX_ERRORS, minutesLeft } from '@/components/lockbox/format';
import { LockboxRequestSection } from '@/components/lockbox/request-form';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { requireStaff } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { orNotFound } from '@/lib/http/or-not-found';
import { startedElsewhere } from '@/lib/http/recorded-read';
import { listRequests } from '@/lib/lockbox/requests';
import { readTenantDataAsStaff } from '@/lib/lockbox/tenant-data';
import { Section } from '@/components/ui/section';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'Tenant data', description: 'A tenant’s data, as a lockbox grant or break-glass session allows.' };

type Props = { params: Promise<{ slug: string }>; searchParams: PageSearchParams };

export default async function TenantDataPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const here = `/admin/tenants/${slug}/data`;
  const actor = await requireStaff(here, '/admin/tenants/[slug]/data');
  const query = await searchParams;
  // Reading the data is recorded in the tenant's log: never because another site linked here.
  if (startedElsewhere({ headers: await headers() })) return <OpenFromHere href={here} />;
  const db = await getDatabase();
  const { tenant, access, records } = await orNotFound(readTenantDataAsStaff(db, systemClock, actor, slug));
  const now = systemClock.now();
  const pending =
    !access && actor.role === 'support'
      ? (await listRequests({ db, clock: systemClock, actor }, { tenantId: tenant.id, states: ['pending'], limit: 20 })).requests
      : [];
  const done = singleParam(query.done);
  return (
    <div>
      <BackLink href={`/admin/tenants/${slug}`} underline="darken">
        {tenant.legalName}
      </BackLink>
      <PageHeading title={`${tenant.legalName}’s data`} eyebrow="Tenant data" />
      <FormNotice error={singleParam(query.error)} errors={LOCKBOX_ERRORS} success={done ? DONE_MESSAGES[done] : undefined} />

      {access ? (
        <>
          <section
            aria-label="Your access"
            data-testid="access-banner"
            className={`mb-6 rounded-lg border p-4 text-sm ${access.via === 'break_glass' ? 'border-red-300 bg-red-50 text-red-950' : 'border-emerald-300 bg-emerald-50 text-emerald-950'}`}
          >
            <p className="font-semibold">
              {access.via === 'break_glass' ? 'Break-glass access' : 'Access via lockbox grant'}: {ACCESS_LABELS[access.mode].toLowerCase()}
            </p>
            <p className="mt-1">
              {minutesLeft(access.endsAt, now)} minutes left, until {formatDateTime(access.endsAt)}. Every read is recorded in {tenant.legalName}’s governance
              log{access.via === 'break_glass' ? ', and the session will be reviewed by the other holder' : ''}.
            </p>
            {access.via === 'break_glass' ? (
              <form method="post" action={`/api/break-glass/${access.id}/end`} className="mt-3">
                <Back to={here} />
                <SubmitButton variant="dangerOutline">End the break-glass session now</SubmitButton>
              </form>
            ) : null}
          </section>
          <Section id="records" title="Records">
            {records.length === 0 ? (
              <EmptyState className="mt-3" title="No records">
                The vendor holds no records for {tenant.legalName}.
              </EmptyState>
            ) : (
              <ul className="mt-3 grid gap-3">
                {records.map((r) => (
                  <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4" data-record={r.id}>
                    <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{r.category}</p>
                    <h3 className="mt-1 font-semibold">{r.title}</h3>
                    <p className="mt-1 whitespace-pre-line text-sm leading-6 text-slate-700">{r.body}</p>
                    <p className="mt-2 text-xs text-slate-600">Updated {formatDateTime(r.updatedAt)}</p>
                    {access.mode === 'read_write' ? (
                      <details className="mt-3">
                        <summary className="cursor-pointer text-sm font-medium text-brand-700">
                          Edit<span className="sr-only"> {r.title}</span>
                        </summary>
                        <form method="post" action={`/api/tenants/${tenant.slug}/records/${r.id}`} className="mt-3 grid gap-3">
                          <Back to={here} />
                          <Field id={`record-${r.id}-title`} name="title" label="Title" required maxLength={200} defaultValue={r.title} />
                          <TextArea
                            mono={false}
                            id={`record-${r.id}-body`}
                            name="body"
                            label="Text"
                            required
                            maxLength={10000}
                            rows={5}
                            defaultValue={r.body}
                          />
                          <div>
                            <SubmitButton>Save {r.title}</SubmitButton>
                          </div>
                        </form>
                      </details>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      ) : (
        <>
          <div data-testid="no-access" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
            <p className="font-semibold">Access to {tenant.legalName}’s data needs the customer’s approval</p>
            <p className="mt-1">
              {actor.role === 'support'
                ? `No records are shown. Ask ${tenant.legalName}’s customer admins for access below; you can read the data while an approved request is active.`
                : actor.role === 'break_glass'
                  ? 'No records are shown. Support engineers ask the customer through a lockbox request; in an emergency you can invoke break-glass instead.'
                  : 'No records are shown. Only support engineers with an approved request, or break-glass holders during an incident, can read them.'}
            </p>
          </div>
          {actor.role === 'support' ? (
            <LockboxRequestSection slug={tenant.slug} legalName={tenant.legalName} back={here}>
              {pending.length ? (
                <p className="mb-4 text-sm text-slate-700">
                  You have {pending.length === 1 ? 'a request' : `${pending.length} requests`} waiting for {tenant.legalName}’s answer (the latest expires
                  unanswered at {formatDateTime(pending[0].expiresAt)}).{' '}
                  <Link href={`/admin/tenants/${slug}`} className="text-brand-700 underline hover:text-brand-900">
                    See your requests
                  </Link>
                </p>
              ) : null}
            </LockboxRequestSection>
          ) : actor.role === 'break_glass' ? (
            <p>
              <Link
                href={`/admin/tenants/${slug}#break-glass`}
                className="inline-block rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
              >
                Invoke break-glass on {tenant.legalName}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

function OpenFromHere({ href }: { href: string }) {
  return (
    <div>
      <PageHeading title="Open the data from the trust center" eyebrow="Tenant data">
        Every read of a tenant’s data is recorded in its governance log, so the data opens only when asked for from the trust center itself, not from a link on
        another site.
      </PageHeading>
      <Link href={href} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Open the data
      </Link>
    </div>
  );
}
