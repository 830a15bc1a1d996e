import { Table } from '@/components/ui/table';
import { type SearchParams, singleParam } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import Link from 'next/link';
import { Back } from '@/components/lockbox/controls';

import { SubmitButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import type { DeliveryView } from '@/lib/forwarding/deliveries';
import type { EndpointView } from '@/lib/forwarding/endpoints';
import { AddEndpointForm } from './add-endpoint-form';
import { RotateSecretButton } from '@/components/ui/rotate-secret-button';
import { Section } from '@/components/ui/section';

export const PAGE_SIZE = 20;

const ERRORS: Record<string, string> = {
  not_found: 'That endpoint no longer exists.',
  already_enabled: 'That endpoint is already enabled.',
  forbidden: 'Your account may not manage forwarding.',
  test_failed: 'The test message could not be delivered: the receiver could not be reached, or its address is not allowed.',
};

const DONE: Record<string, string> = {
  removed: 'The endpoint was removed. It receives nothing more, and its queued deliveries were dropped.',
  enabled: 'The endpoint is enabled again: its queued deliveries go out now, then every new event.',
  test_delivered: 'The test message was delivered: the receiver answered with a 2xx status.',
};

const STATE_STYLES: Record<DeliveryView['state'], string> = {
  pending: 'bg-amber-100 text-amber-900',
  delivered: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
};

function DeliveryState({ delivery }: { delivery: DeliveryView }) {
  const label = delivery.state === 'pending' ? (delivery.attempts ? 'Retrying' : 'Queued') : delivery.state === 'delivered' ? 'Delivered' : 'Failed';
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${STATE_STYLES[delivery.state]}`}>{label}</span>;
}

function EndpointCard({ endpoint, here }: { endpoint: EndpointView; here: string }) {
  const { pending, delivered, failed } = endpoint.deliveries;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="break-all font-mono text-sm font-medium text-slate-900">{endpoint.url}</p>
          {endpoint.description ? <p className="mt-1 text-sm text-slate-700">{endpoint.description}</p> : null}
          <p className="mt-1 text-xs text-slate-600">
            Added {formatDateTime(endpoint.createdAt)}
            {endpoint.createdByName ? ` by ${endpoint.createdByName}` : ''}
          </p>
        </div>
        {endpoint.enabled ? (
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">Enabled</span>
        ) : (
          <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">Disabled</span>
        )}
      </div>
      {!endpoint.enabled ? (
        <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          {endpoint.disabledReason} New events are not queued for it until it is enabled again.
        </p>
      ) : null}
      <p className="mt-3 text-sm text-slate-700">
        {delivered} delivered · {pending} queued or retrying · {failed} failed
        {endpoint.lastDeliveredAt ? ` · last delivery ${formatDateTime(endpoint.lastDeliveredAt)}` : ''}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        {!endpoint.enabled ? (
          <form method="post" action={`/api/governance/forwarding/${endpoint.id}/enable`}>
            <Back to={here} />
            <SubmitButton aria-label={`Enable ${endpoint.url} again`}>Enable again</SubmitButton>
          </form>
        ) : null}
        <form method="post" action={`/api/governance/forwarding/${endpoint.id}/test`}>
          <Back to={here} />
          <SubmitButton variant="secondary" aria-label={`Send a test message to ${endpoint.url}`}>
            Send a test message
          </SubmitButton>
        </form>
        <form method="post" action={`/api/governance/forwarding/${endpoint.id}/remove`}>
          <Back to={here} />
          <SubmitButton variant="dangerOutline" aria-label={`Remove ${endpoint.url}`}>
            Remove
          </SubmitButton>
        </form>
        <RotateSecretButton
          action={`/api/governance/forwarding/${endpoint.id}/rotate`}
          text={{
            button: 'New signing secret',
            ariaLabel: `New signing secret for ${endpoint.url}`,
            warning: 'The receiver will refuse messages until it has the new secret; they are retried meanwhile.',
            rotated: 'New signing secret. Copy it into your SIEM now: it is shown this once, and the old one no longer signs.',
            secretLabel: 'New signing secret',
          }}
        />
      </div>
    </li>
  );
}

function DeliveriesTable({ deliveries }: { deliveries: DeliveryView[] }) {
  return (
    <Table
      columns={[{ label: 'Event' }, { label: 'Endpoint' }, { label: 'State' }, { label: 'Attempts' }, { label: 'Last answer' }, { label: 'When' }]}
      caption="Deliveries"
      minWidth="md"
    >
      {deliveries.map((d) => (
        <tr key={d.id}>
          <td className="max-w-[14rem] break-words px-3 py-2">
            <span className="font-mono text-xs">{d.eventKind}</span>
            {d.eventSeq === null ? null : <span className="block text-xs text-slate-600">#{d.eventSeq}</span>}
          </td>
          <td className="max-w-[12rem] break-words px-3 py-2 text-slate-700">{new URL(d.endpointUrl).host}</td>
          <td className="px-3 py-2">
            <DeliveryState delivery={d} />
          </td>
          <td className="px-3 py-2">{d.attempts}</td>
          <td className="min-w-[10rem] px-3 py-2 text-slate-700">{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : '—')}</td>
          <td className="min-w-[9rem] px-3 py-2 text-slate-700">
            {d.deliveredAt
              ? formatDateTime(d.deliveredAt)
              : d.state === 'pending'
                ? `next ${formatDateTime(d.nextAttemptAt)}`
                : d.lastAttemptAt
                  ? formatDateTime(d.lastAttemptAt)
                  : '—'}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * The forwarding page of one chain: its endpoints with their state, the add form (which shows a
 * new endpoint's secret once), and the chain's recent deliveries, a page at a time.
 */
export function ForwardingPage({
  here,
  chainLabel,
  note,
  endpoints,
  deliveries,
  total,
  page,
  query,
}: {
  here: string;
  chainLabel: string;
  /** A sentence under the introduction, e.g. who forwards the other chains. */
  note?: string;
  endpoints: EndpointView[];
  deliveries: DeliveryView[];
  total: number;
  page: number;
  query: SearchParams;
}) {
  const done = singleParam(query.done);
  const error = singleParam(query.error);
  const status = singleParam(query.status);
  const errors =
    status && /^\d{3}$/.test(status) ? { ...ERRORS, test_failed: `The test message was not accepted: the receiver answered HTTP ${status}.` } : ERRORS;
  return (
    <div>
      <PageHeading title="Forwarding to a SIEM">
        Every event appended to {chainLabel} is also sent to the endpoints below as a signed webhook (Standard Webhooks), retried with back-off for about 28
        hours until the receiver accepts it. Each message carries the event’s id as its <code>webhook-id</code>, so a receiver can drop the duplicates that
        retries may cause.{note ? ` ${note}` : ''}
      </PageHeading>
      <FormNotice error={error} errors={errors} success={done ? DONE[done] : undefined} />

      <Section id="endpoints" title={`Endpoints (${endpoints.length})`} className="mb-8" headingClassName="mb-3 text-lg font-semibold">
        {endpoints.length === 0 ? (
          <EmptyState title="No endpoints yet">Add your SIEM’s webhook URL below; it will receive every new event of the log.</EmptyState>
        ) : (
          <ul className="grid gap-3">
            {endpoints.map((endpoint) => (
              <EndpointCard key={endpoint.id} endpoint={endpoint} here={here} />
            ))}
          </ul>
        )}
      </Section>

      <section aria-label="Add an endpoint" className="mb-8">
        <AddEndpointForm />
      </section>

      <Section id="deliveries" title="Recent deliveries" headingClassName="mb-3 text-lg font-semibold">
        {deliveries.length === 0 ? (
          <EmptyState title="Nothing delivered yet">Each event appended after an endpoint was added appears here with its delivery state.</EmptyState>
        ) : (
          <DeliveriesTable deliveries={deliveries} />
        )}
        <Pagination basePath={here} page={page} pageSize={PAGE_SIZE} total={total} />
      </Section>
      <p className="mt-6 text-sm text-slate-600">
        How to verify signatures and de-duplicate: see the forwarding guide in the project’s documentation (<code>docs/governance-forwarding.md</code>). The
        JSON API is{' '}
        <Link href="/api/governance/forwarding" className="text-brand-700 underline">
          /api/governance/forwarding
        </Link>
        .
      </p>
    </div>
  );
}
