import { type PageSearchParams, pageParam, singleParam } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Field, TextArea } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { TEXT_HINT } from '@/components/portal-admin/text-hint';
import { DeleteDetails, EditDetails } from '@/components/portal-admin/item-details';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { Pagination } from '@/components/ui/pagination';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';

import { UPDATE_ERRORS } from '@/lib/portal/form-errors';
import { listUpdatesForAdmin } from '@/lib/portal/updates';
import { Section } from '@/components/ui/section';
import { FormCard } from '@/components/ui/form-card';

export const metadata: Metadata = { title: 'Updates', description: 'Post, edit and delete the news of the public updates page.' };

const PAGE_SIZE = 20;
const SUCCESS: Record<string, string> = {
  created: 'Update posted.',
  saved: 'Update saved. The public page shows it now.',
  deleted: 'Update deleted.',
};

export default async function AdminUpdates({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/updates');
  const page = pageParam(singleParam((await searchParams).page));
  const { updates, total } = await listUpdatesForAdmin({ db: await getDatabase(), actor }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const now = systemClock.now().toISOString();
  const params = await searchParams;
  const success = Object.keys(SUCCESS).find((k) => params[k] === '1');
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Updates</h1>
      <p className="mt-1 text-slate-700">
        News on the public{' '}
        <Link href="/updates" className="text-brand-700 underline">
          updates page
        </Link>
        , newest first. Give a later publication time to schedule an item; it appears by itself at that time.
      </p>
      <div className="mt-4">
        <FormNotice error={singleParam((await searchParams).error)} errors={UPDATE_ERRORS} success={success ? SUCCESS[success] : undefined} />
      </div>

      <Section id="post" title="Post an update" className="mt-6">
        <FormCard action="/api/admin/updates" className="mt-3 space-y-3 p-4">
          <Field label="Title" name="title" required maxLength={200} />
          <TextArea label="Text" name="body" required maxLength={10_000} rows={5} hint={TEXT_HINT} />
          <Field label="Publication time (UTC)" name="publishedAt" type="datetime-local" hint="Leave blank to publish now." />
          <SubmitButton>Post update</SubmitButton>
        </FormCard>
      </Section>

      <Section id="posted" title="Posted" className="mt-10">
        {updates.length === 0 ? (
          <EmptyState className="mt-3" title={total === 0 ? 'No updates yet' : 'Nothing on this page'}>
            {total === 0 ? (
              'The public updates page says so until you post one.'
            ) : (
              <Link href="/admin/updates" className="text-brand-700 underline">
                Go to the newest
              </Link>
            )}
          </EmptyState>
        ) : (
          <ol className="mt-3 space-y-3">
            {updates.map((u) => (
              <li key={u.id} id={`update-${u.id}`} className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold text-slate-950">{u.title}</h3>
                <p className="text-xs text-slate-600">
                  {u.publishedAt > now ? <span className="mr-1 rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-950">Scheduled</span> : null}
                  <time dateTime={u.publishedAt}>{formatDateTime(u.publishedAt)}</time>
                </p>
                <EditDetails title={u.title} action={`/api/admin/updates/${u.id}`}>
                  <Field label="Title" name="title" id={`title-${u.id}`} required maxLength={200} defaultValue={u.title} />
                  <TextArea label="Text" name="body" id={`body-${u.id}`} required maxLength={10_000} rows={6} defaultValue={u.body} hint={TEXT_HINT} />
                  <Field
                    label="Publication time (UTC)"
                    name="publishedAt"
                    id={`publishedAt-${u.id}`}
                    type="datetime-local"
                    defaultValue={u.publishedAt.slice(0, 19)}
                    step={1}
                  />
                  <SubmitButton>Save update</SubmitButton>
                </EditDetails>
                <DeleteDetails
                  title={u.title}
                  action={`/api/admin/updates/${u.id}/delete`}
                  warning="The update disappears from the public page and the feed."
                  submitLabel="Delete update"
                />
              </li>
            ))}
          </ol>
        )}
        <Pagination basePath="/admin/updates" page={page} pageSize={PAGE_SIZE} total={total} />
      </Section>
    </div>
  );
}
