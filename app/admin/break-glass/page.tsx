import { type PageSearchParams, pageParam, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import Link from 'next/link';
import { BreakGlassForm } from '@/components/lockbox/break-glass-form';
import { Back } from '@/components/lockbox/controls';
import { TextArea } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { DONE_MESSAGES, LOCKBOX_ERRORS } from '@/components/lockbox/format';
import { SessionCard } from '@/components/lockbox/session-card';
import { tenantDirectory } from '@/components/lockbox/tenant-directory';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { requireStaffRole } from '@/lib/auth/request';
import { isBreakGlassHolder } from '@/lib/break-glass/holders';
import { listSessions } from '@/lib/break-glass/sessions';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Break-glass', description: 'Emergency access to customers’ data, and its reviews.' };

const PAGE_SIZE = 10;
const HERE = '/admin/break-glass';

export default async function BreakGlassPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireStaffRole(HERE, ['break_glass', 'trust_admin']);
  const query = await searchParams;
  const page = pageParam(query.page);
  const db = await getDatabase();
  const now = systemClock.now();
  const [{ total, sessions }, tenants, holder] = await Promise.all([
    listSessions({ db, clock: systemClock, actor }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    tenantDirectory(db, actor),
    actor.role === 'break_glass' ? isBreakGlassHolder(db, actor) : false,
  ]);
  const done = singleParam(query.done);
  return (
    <div>
      <PageHeading title="Break-glass">
        Emergency access to a customer’s data without its approval, for at most one hour. The customer’s admins are told at once, every read is recorded in
        their governance log, and a holder other than the one who opened the session reviews it afterwards.
      </PageHeading>
      <FormNotice error={singleParam(query.error)} errors={LOCKBOX_ERRORS} success={done ? DONE_MESSAGES[done] : undefined} />

      <Section id="sessions" title="Sessions">
        {sessions.length === 0 ? (
          <EmptyState className="mt-3" title="No break-glass sessions">
            No one has opened emergency access yet.
          </EmptyState>
        ) : (
          <ol className="mt-3 space-y-4">
            {sessions.map((s) => {
              const tenant = tenants.byId.get(s.tenantId);
              const mine = s.invoker.id === actor.userId;
              return (
                <SessionCard key={s.id} session={s} now={now} tenant={tenant}>
                  {s.state === 'active' && mine ? (
                    <div className="mt-4 flex flex-wrap items-center gap-3">
                      {tenant ? (
                        <Link href={`/admin/tenants/${tenant.slug}/data`} className="text-sm font-medium text-brand-700 underline hover:text-brand-900">
                          Read {tenant.legalName}’s data
                        </Link>
                      ) : null}
                      <form method="post" action={`/api/break-glass/${s.id}/end`}>
                        <Back to={HERE} />
                        <SubmitButton variant="dangerOutline">
                          End now<span className="sr-only"> the session on {tenant?.legalName ?? 'this tenant'}</span>
                        </SubmitButton>
                      </form>
                    </div>
                  ) : null}
                  {s.state === 'ended' && !s.review && actor.role === 'break_glass' && !mine ? (
                    <form method="post" action={`/api/break-glass/${s.id}/review`} className="mt-4 grid gap-3">
                      <Back to={HERE} />
                      <TextArea
                        mono={false}
                        id={`review-${s.id}`}
                        name="review"
                        label="Post-incident review"
                        hint="Was the access justified, and what was done with it? At least 20 characters. The customer’s admins can read it."
                        required
                        minLength={20}
                        maxLength={10000}
                        rows={4}
                      />
                      <div>
                        <SubmitButton>Record the review</SubmitButton>
                      </div>
                    </form>
                  ) : null}
                  {s.state === 'ended' && !s.review && mine ? (
                    <p className="mt-3 text-sm text-slate-700">The other holder writes the review of this session.</p>
                  ) : null}
                </SessionCard>
              );
            })}
          </ol>
        )}
        <Pagination basePath={HERE} page={page} pageSize={PAGE_SIZE} total={total} />
      </Section>

      {actor.role === 'break_glass' ? (
        <Section
          id="invoke"
          title="Invoke break-glass"
          className="mt-8 rounded-lg border border-red-200 bg-white p-5"
          headingClassName="mb-1 text-lg font-semibold"
        >
          {holder ? (
            <>
              <p className="mb-4 text-sm text-slate-700">Only for an incident that cannot wait for the customer’s approval through a lockbox request.</p>
              <BreakGlassForm tenants={tenants.list} back={HERE} />
            </>
          ) : (
            <p className="text-sm text-slate-700">You are not one of the two designated holders, so you cannot open a session.</p>
          )}
        </Section>
      ) : null}
    </div>
  );
}
