import { type SearchParams, pageParam } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import 'server-only';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Field, Select } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import type { Actor } from '@/lib/core/actor';
import { getDatabase } from '@/lib/db';
import { ACTOR_KINDS, EVENT_CATEGORIES } from '@/lib/governance/categories';
import { chainStatus, listEvents } from '@/lib/governance/list';
import { eventFilterOf, parseTimelineQuery } from '@/lib/governance/timeline-query';

import { EventTimeline } from './event-timeline';
import { VerifyPanel } from './verify-panel';
import { Section } from '@/components/ui/section';

const PAGE_SIZE = 25;

/** A chain's page: its state, export and verification, and a filterable timeline. */
export async function GovernanceLogPage({
  actor,
  basePath,
  intro,
  chainLabel,
  links,
  searchParams,
}: {
  actor: Actor;
  basePath: string;
  /** What the chain records; the link to how the log works follows it. */
  intro: ReactNode;
  chainLabel: string;
  links?: ReactNode;
  searchParams: SearchParams;
}) {
  const { query, problems } = parseTimelineQuery(searchParams);
  const page = pageParam(searchParams.page);
  const db = await getDatabase();
  const filtered = Object.values(query).some(Boolean);
  const [status, { total, events, actors }] = await Promise.all([
    chainStatus(db, actor),
    listEvents({ db, actor }, { ...eventFilterOf(query), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  return (
    <div>
      <PageHeading title="Governance log">
        {intro}{' '}
        <Link href="/governance-log" className="text-brand-700 underline hover:text-brand-900">
          How the log works
        </Link>
      </PageHeading>

      <Section id="chain" title="The chain" className="mb-6 grid gap-4 md:grid-cols-3" headingClassName="sr-only">
        <Stat label="Events in the chain" value={String(status.events)} />
        <Stat
          label="Head"
          value={status.head ? `#${status.head.seq} · ${status.head.hash.slice(0, 12)}…` : 'Empty'}
          note={status.head ? formatDateTime(status.head.at) : undefined}
        />
        <Stat
          label="Last signed checkpoint"
          value={status.checkpoint ? `#${status.checkpoint.seq}` : 'None yet'}
          note={
            status.checkpoint
              ? `${formatDateTime(status.checkpoint.time)} · key ${status.checkpoint.kid.slice(0, 10)}…`
              : 'Heads are signed within a minute of a change, and at every export.'
          }
        />
      </Section>

      <VerifyPanel exportAction="/api/governance/export" />
      {links ? <div className="mt-4 text-sm">{links}</div> : null}

      <Section id="timeline" title="Timeline" className="mt-8">
        <form
          method="get"
          action={basePath}
          className="mt-3 grid gap-x-4 sm:grid-cols-2 xl:grid-cols-[minmax(10rem,1fr)_minmax(9rem,1fr)_9.5rem_9.5rem_auto] xl:items-end"
        >
          <Select
            id="category"
            name="category"
            label="Kind of event"
            defaultValue={query.category ?? ''}
            options={[{ value: '', label: 'All events' }, ...EVENT_CATEGORIES.map((c) => ({ value: c.id, label: c.label }))]}
          />
          <Select
            id="actor"
            name="actor"
            label="Who acted"
            defaultValue={query.actor ?? ''}
            options={[{ value: '', label: 'Anyone' }, ...ACTOR_KINDS.map((a) => ({ value: a.value, label: a.label }))]}
          />
          <Field id="from" name="from" type="date" label="From" defaultValue={query.from ?? ''} />
          <Field id="to" name="to" type="date" label="To" defaultValue={query.to ?? ''} />
          <div className="mb-5 flex gap-2">
            <SubmitButton variant="secondary">Filter</SubmitButton>
            {filtered ? (
              <Link href={basePath} className="self-center text-sm text-brand-700 underline hover:text-brand-900">
                Clear
              </Link>
            ) : null}
          </div>
        </form>
        {problems.length ? (
          <ul role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {problems.map((p) => (
              <li key={p}>{p} That filter was left out.</li>
            ))}
          </ul>
        ) : null}
        <p className="mb-3 mt-1 text-sm text-slate-600" role="status">
          {filtered ? `${total} matching events` : `${total} events`} in {chainLabel}, newest first.
        </p>
        {events.length === 0 ? (
          <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'}>
            {filtered ? 'Widen the dates or choose another kind of event.' : 'Privileged actions, access decisions and refusals appear here as they happen.'}
          </EmptyState>
        ) : (
          <EventTimeline events={events} actors={actors} caption={`Governance events of ${chainLabel}`} />
        )}
        <Pagination basePath={basePath} page={page} pageSize={PAGE_SIZE} total={total} params={{ ...query }} />
      </Section>
    </div>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 font-mono text-lg font-semibold text-slate-950">{value}</p>
      {note ? <p className="mt-1 text-xs text-slate-600">{note}</p> : null}
    </div>
  );
}
