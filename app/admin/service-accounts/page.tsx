import type { Metadata } from 'next';
import { CreateServiceAccountForm } from '@/components/integration/create-service-account-form';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { RotateSecretButton } from '@/components/ui/rotate-secret-button';
import { Section } from '@/components/ui/section';
import { Table } from '@/components/ui/table';
import { requireTrustAdmin } from '@/lib/auth/request';
import { formatDateTime } from '@/lib/core/dates';
import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { getDatabase } from '@/lib/db';
import { SERVICE_SCOPES } from '@/lib/integration/scopes';
import { listServiceAccounts } from '@/lib/integration/service-accounts';

export const metadata: Metadata = { title: 'Service accounts', description: 'Credentials for the vendor’s own systems to use the machine API.' };

const HERE = '/admin/service-accounts';
const ERRORS = { not_found: 'That service account was already revoked.', forbidden: 'Only trust admins manage service accounts.' };

export default async function ServiceAccountsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin(HERE);
  const query = await searchParams;
  const accounts = await listServiceAccounts({ db: await getDatabase(), actor });
  const live = accounts.filter((a) => !a.revokedAt);
  return (
    <div>
      <PageHeading title="Service accounts" eyebrow="Integration">
        <p>
          Your product’s systems use these to ask the trust center whether a staff member may reach a customer’s data now. Each account holds only the scopes it
          needs; its secret is shown once, stored hashed, and can be replaced or revoked at any time. The API is described in{' '}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            its OpenAPI document
          </a>
          .
        </p>
      </PageHeading>
      <FormNotice
        error={singleParam(query.error)}
        errors={ERRORS}
        success={singleParam(query.done) === 'revoked' ? 'The service account was revoked.' : undefined}
      />
      <Section id="accounts" title={`Accounts (${live.length} live)`} className="mb-8">
        {accounts.length === 0 ? (
          <EmptyState title="No service accounts yet">Create one below for each system that calls the API.</EmptyState>
        ) : (
          <Table
            caption="Service accounts"
            minWidth="xl"
            columns={[{ label: 'Name' }, { label: 'Scopes' }, { label: 'Secret' }, { label: 'Last used' }, { label: 'Actions', srOnly: true }]}
          >
            {accounts.map((a) => (
              <tr key={a.id} className={a.revokedAt ? 'text-slate-500' : undefined}>
                <td className="px-4 py-3">
                  <span className="font-medium">{a.name}</span>
                  <span className="block text-xs text-slate-600">
                    Created {formatDateTime(a.createdAt)}
                    {a.createdByName ? ` by ${a.createdByName}` : ''}
                    {a.revokedAt ? ` · revoked ${formatDateTime(a.revokedAt)}${a.revokedByName ? ` by ${a.revokedByName}` : ''}` : ''}
                  </span>
                </td>
                <td className="px-4 py-3">
                  {a.scopes.map((s) => (
                    <code key={s} className="mr-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                      {s}
                    </code>
                  ))}
                </td>
                <td className="px-4 py-3 font-mono text-xs">
                  {a.secretHint}
                  {a.rotatedAt ? <span className="block font-sans text-slate-600">replaced {formatDateTime(a.rotatedAt)}</span> : null}
                </td>
                <td className="px-4 py-3">{a.lastUsedAt ? formatDateTime(a.lastUsedAt) : 'Never'}</td>
                <td className="px-4 py-3">
                  {a.revokedAt ? (
                    'Revoked'
                  ) : (
                    <div className="flex flex-wrap gap-2">
                      <RotateSecretButton
                        action={`/api/admin/service-accounts/${a.id}/rotate`}
                        text={{
                          button: 'New secret',
                          ariaLabel: `New secret for ${a.name}`,
                          warning: 'The current secret stops working at once: the system is refused until it has the new one.',
                          rotated: 'New secret. Copy it into the system’s secret store now: it is shown this once, and the old one no longer works.',
                          secretLabel: 'New secret',
                        }}
                      />
                      <form method="post" action={`/api/admin/service-accounts/${a.id}/revoke`}>
                        <button
                          type="submit"
                          aria-label={`Revoke ${a.name}`}
                          className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50"
                        >
                          Revoke
                        </button>
                      </form>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <CreateServiceAccountForm scopes={SERVICE_SCOPES} />
    </div>
  );
}
