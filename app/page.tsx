import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { CertificationStatusBadge } from '@/components/portal/certification-status';
import { publicDocuments } from '@/lib/documents/public-documents';
import { publicCertifications } from '@/lib/portal/public-certifications';
import { publicSecurityBlocks } from '@/lib/portal/public-security';
import { publicSettings } from '@/lib/portal/public-settings';
import { publicSubprocessors } from '@/lib/subprocessors/public';

export async function generateMetadata(): Promise<Metadata> {
  const settings = await publicSettings();
  return {
    title: { absolute: `${settings.vendorName} Trust Center` },
    description: settings.tagline || `Security, compliance and privacy at ${settings.vendorName}.`,
  };
}

const PROMISES = [
  {
    title: 'Customer lockbox',
    body: 'Our engineers read your data only after one of your admins approves a request, for a limited time, and you can end that access at any moment.',
  },
  {
    title: 'Isolation in the database',
    body: 'Each customer’s records are separated by row-level security in PostgreSQL itself, so a mistake in application code cannot show one tenant’s data to another.',
  },
  {
    title: 'A log you can verify',
    body: 'Every privileged action on your tenant, emergency access included, lands in a hash-chained, signed log that you can export and check without trusting us.',
  },
];

function Section({ id, title, href, linkLabel, children }: { id: string; title: string; href: string; linkLabel: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-12">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-xl font-semibold text-slate-900">
          {title}
        </h2>
        <a href={href} className="text-sm font-medium text-brand-700 hover:underline">
          {linkLabel} <span aria-hidden="true">→</span>
        </a>
      </div>
      <div className="mt-4">{children}</div>
    </section>
  );
}

export default async function OverviewPage() {
  const [settings, certifications, blocks, documents, subprocessors] = await Promise.all([
    publicSettings(),
    publicCertifications(),
    publicSecurityBlocks(),
    publicDocuments(),
    publicSubprocessors(),
  ]);
  const lastUpdated = [
    settings.updatedAt,
    subprocessors.updatedAt,
    ...certifications.map((c) => c.updatedAt),
    ...blocks.map((b) => b.updatedAt),
    ...documents.map((d) => d.updatedAt),
  ]
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  const publicCount = documents.filter((d) => d.visibility === 'public').length;

  return (
    <div className="mx-auto max-w-6xl px-4 pb-8">
      <section className="pt-12">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{settings.vendorName} Trust Center</p>
        <h1 className="mt-2 max-w-3xl text-3xl font-bold tracking-tight text-slate-950 sm:text-4xl">
          {settings.tagline || `Security and compliance at ${settings.vendorName}`}
        </h1>
        {settings.overview && <p className="mt-4 max-w-3xl text-lg text-slate-700">{settings.overview}</p>}
        <div className="mt-6 flex flex-wrap gap-3">
          <a href="/documents" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Get the documents
          </a>
          <a href="/subprocessors" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-50">
            Sub-processors
          </a>
          {settings.statusPageUrl && (
            <a
              href={settings.statusPageUrl}
              rel="noopener"
              className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-50"
            >
              System status
            </a>
          )}
        </div>
        {lastUpdated && (
          <p className="mt-4 text-sm text-slate-600">
            Last updated <time dateTime={lastUpdated}>{formatDate(lastUpdated)}</time>
          </p>
        )}
      </section>

      <Section id="certifications" title="Certifications and attestations" href="/certifications" linkLabel="All certifications">
        {certifications.length === 0 ? (
          <p className="text-slate-600">No certifications are listed yet.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {certifications.map((c) => (
              <li key={c.slug} className="flex items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
                <span className="font-medium text-slate-900">{c.framework}</span>
                <CertificationStatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="security" title="Security highlights" href="/security" linkLabel="Security overview">
        {blocks.length === 0 ? (
          <p className="text-slate-600">The security overview has not been written yet.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {blocks.slice(0, 6).map((b) => (
              <li key={b.slug} className="rounded-lg border border-slate-200 bg-white p-4">
                <a href={`/security#${b.slug}`} className="font-medium text-slate-900 hover:text-brand-700">
                  {b.title}
                </a>
                <p className="mt-1 line-clamp-3 text-sm text-slate-700">{b.body.split(/\n\s*\n/)[0]}</p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="documents" title="Documents" href="/documents" linkLabel="All documents">
        <p className="text-slate-700">
          {documents.length === 0
            ? 'No documents are published yet.'
            : `${documents.length} document${documents.length === 1 ? '' : 's'}: ${publicCount} to download now, ${documents.length - publicCount} after you accept our NDA and we approve access.`}
        </p>
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {documents.slice(0, 6).map((d) => (
            <li key={d.slug} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-sm">
              <a href={`/documents#${d.slug}`} className="font-medium text-slate-900 hover:text-brand-700">
                {d.title}
              </a>
              <span className="text-slate-600">{d.visibility === 'public' ? 'Download' : 'On request'}</span>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="subprocessors" title="Sub-processors" href="/subprocessors" linkLabel="List and changes">
        <p className="text-slate-700">
          {subprocessors.current.length} sub-processor{subprocessors.current.length === 1 ? '' : 's'} process data on our behalf.{' '}
          {subprocessors.upcoming.length > 0
            ? `${subprocessors.upcoming.length} announced change${subprocessors.upcoming.length === 1 ? ' is' : 's are'} coming.`
            : 'No change is announced.'}{' '}
          Subscribe to hear of changes before they take effect.
        </p>
      </Section>

      <section aria-labelledby="promises" className="mt-12">
        <h2 id="promises" className="text-xl font-semibold text-slate-900">
          What we commit to our customers
        </h2>
        <ul className="mt-4 grid gap-4 md:grid-cols-3">
          {PROMISES.map((p) => (
            <li key={p.title} className="rounded-lg border border-slate-200 bg-white p-5">
              <h3 className="font-semibold text-slate-900">{p.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-700">{p.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
