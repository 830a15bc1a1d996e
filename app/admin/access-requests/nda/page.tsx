import { SubmitButton } from '@/components/ui/button';
import { Field, TextArea } from '@/components/ui/field';
import type { PageSearchParams } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { AccessTabPage, readAccessTab } from '@/components/access/access-tab-page';
import { Pagination } from '@/components/ui/pagination';
import { listNdaVersions } from '@/lib/access/nda';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'NDA', description: 'The NDA reviewers accept, its versions, and publishing a new one.' };

const PAGE_SIZE = 10;

export default async function NdaVersions({ searchParams }: { searchParams: PageSearchParams }) {
  const { items, total, latest, query, page, pending } = await readAccessTab('/admin/access-requests/nda', searchParams, async (ctx, page) => {
    const [versions, latest] = await Promise.all([listNdaVersions(ctx, { page, pageSize: PAGE_SIZE }), listNdaVersions(ctx, { page: 1, pageSize: 1 })]);
    return { ...versions, latest };
  });
  const current = latest.items[0];
  return (
    <AccessTabPage
      current="/admin/access-requests/nda"
      pending={pending}
      query={query}
      success={
        typeof query.published === 'string' ? `Version ${query.published} published. New requests accept it; earlier acceptances stay valid.` : undefined
      }
    >
      <Section
        id="publish"
        title={current ? `Current: version ${current.version}` : 'No NDA published yet'}
        className="rounded-lg border border-slate-200 bg-white p-5"
      >
        {current ? (
          <p className="mt-1 text-sm text-slate-600">
            Published {formatDateTime(current.publishedAt)}
            {current.publishedBy ? ` by ${current.publishedBy}` : ''} · SHA-256{' '}
            <code className="break-all font-mono text-xs text-slate-800">{current.sha256}</code>
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">Reviewers cannot request NDA or restricted documents until you publish one.</p>
        )}
        <form method="post" action="/api/admin/access/nda" className="mt-4 space-y-4">
          <Field label="Title" name="title" required maxLength={200} defaultValue={current?.title} />
          <TextArea
            label="Full text"
            name="body"
            required
            maxLength={50000}
            rows={16}
            defaultValue={current?.body}
            hint="Publishing creates a new version with the SHA-256 of this exact text. Earlier acceptances keep pointing to the version they accepted."
          />
          <SubmitButton>Publish as version {(current?.version ?? 0) + 1}</SubmitButton>
        </form>
      </Section>

      <Section id="history" title="All versions" className="mt-8">
        {items.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">None yet.</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {items.map((v) => (
              <li key={v.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <details>
                  <summary className="cursor-pointer">
                    <span className="font-medium">Version {v.version}</span>: {v.title}
                    <span className="block text-xs text-slate-600 sm:inline sm:pl-2">
                      {formatDateTime(v.publishedAt)} · <span className="break-all font-mono">{v.sha256}</span>
                    </span>
                  </summary>
                  <div
                    tabIndex={0}
                    role="region"
                    aria-label={`Text of version ${v.version}`}
                    className="mt-3 max-h-80 overflow-y-auto whitespace-pre-wrap border-t border-slate-200 pt-3 text-slate-800"
                  >
                    {v.body}
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
        <Pagination basePath="/admin/access-requests/nda" page={page} pageSize={PAGE_SIZE} total={total} />
      </Section>
    </AccessTabPage>
  );
}
