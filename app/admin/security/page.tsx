import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Field, TextArea } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { TEXT_HINT } from '@/components/portal-admin/text-hint';
import { DeleteDetails, EditDetails } from '@/components/portal-admin/item-details';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { SECURITY_BLOCK_ERRORS } from '@/lib/portal/form-errors';

import { listSecurityBlocksForAdmin } from '@/lib/portal/security-blocks';
import { Section } from '@/components/ui/section';
import { FormCard } from '@/components/ui/form-card';

export const metadata: Metadata = { title: 'Security overview', description: 'Edit the blocks of the public security overview.' };

const SUCCESS: Record<string, string> = {
  created: 'Block added at the end of the page.',
  saved: 'Block saved. The public page shows it now.',
  deleted: 'Block deleted.',
  moved: 'Block moved.',
};

export default async function AdminSecurity({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/security');
  const blocks = await listSecurityBlocksForAdmin({ db: await getDatabase(), actor });
  const params = await searchParams;
  const success = Object.keys(SUCCESS).find((k) => params[k] === '1');
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Security overview</h1>
      <p className="mt-1 text-slate-700">
        The blocks of the public{' '}
        <Link href="/security" className="text-brand-700 underline">
          security page
        </Link>
        , in the order shown there. Each block has its own entry in the page’s table of contents.
      </p>
      <div className="mt-4">
        <FormNotice error={singleParam((await searchParams).error)} errors={SECURITY_BLOCK_ERRORS} success={success ? SUCCESS[success] : undefined} />
      </div>

      <Section id="blocks" title="Blocks" className="mt-6">
        {blocks.length === 0 ? (
          <EmptyState className="mt-3" title="No blocks yet">
            The public security page says it is not published until you add one.
          </EmptyState>
        ) : (
          <ol className="mt-3 space-y-3">
            {blocks.map((b, i) => (
              <li key={b.id} id={`block-${b.slug}`} className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h3 className="font-semibold text-slate-950">
                      {i + 1}. {b.title}
                    </h3>
                    <p className="text-xs text-slate-600">
                      #{b.slug} · updated {formatDate(b.updatedAt)}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    {i > 0 ? (
                      <form method="post" action={`/api/admin/security-blocks/${b.id}/move`}>
                        <input type="hidden" name="direction" value="up" />
                        <SubmitButton variant="secondary" aria-label={`Move ${b.title} up`}>
                          ↑ Up
                        </SubmitButton>
                      </form>
                    ) : null}
                    {i < blocks.length - 1 ? (
                      <form method="post" action={`/api/admin/security-blocks/${b.id}/move`}>
                        <input type="hidden" name="direction" value="down" />
                        <SubmitButton variant="secondary" aria-label={`Move ${b.title} down`}>
                          ↓ Down
                        </SubmitButton>
                      </form>
                    ) : null}
                  </div>
                </div>
                <EditDetails title={b.title} action={`/api/admin/security-blocks/${b.id}`}>
                  <Field label="Title" name="title" id={`title-${b.id}`} required maxLength={120} defaultValue={b.title} />
                  <TextArea label="Text" name="body" id={`body-${b.id}`} required maxLength={10_000} rows={8} defaultValue={b.body} hint={TEXT_HINT} />
                  <SubmitButton>Save block</SubmitButton>
                </EditDetails>
                <DeleteDetails
                  title={b.title}
                  action={`/api/admin/security-blocks/${b.id}/delete`}
                  warning="The block disappears from the public page at once."
                  submitLabel="Delete block"
                />
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id="add" title="Add a block" className="mt-10">
        <FormCard action="/api/admin/security-blocks" className="mt-3 space-y-3 p-4">
          <Field label="Title" name="title" required maxLength={120} hint="For example “Encryption at rest and in transit”." />
          <TextArea label="Text" name="body" required maxLength={10_000} rows={6} hint={TEXT_HINT} />
          <SubmitButton>Add block</SubmitButton>
        </FormCard>
      </Section>
    </div>
  );
}
