import { formatDate, isoDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';

import { RichText } from '@/components/portal/rich-text';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { publicSecurityBlocks } from '@/lib/portal/public-security';
import { publicSettings } from '@/lib/portal/public-settings';

export async function generateMetadata(): Promise<Metadata> {
  const { vendorName } = await publicSettings();
  return {
    title: 'Security overview',
    description: `How ${vendorName} protects customer data: encryption, access control, tenant isolation, monitoring and vulnerability management.`,
  };
}

export default async function SecurityPage() {
  const [blocks, { vendorName }] = await Promise.all([publicSecurityBlocks(), publicSettings()]);
  const lastUpdated = blocks.reduce<string | null>((latest, b) => (!latest || b.updatedAt > latest ? b.updatedAt : latest), null);
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <PageHeading eyebrow="Security" title="Security overview">
        <p>How {vendorName} protects the data customers entrust to it, and how you can check.</p>
        {lastUpdated ? (
          <p className="mt-1 text-sm text-slate-600">
            Last updated <time dateTime={isoDateTime(lastUpdated)}>{formatDate(lastUpdated)}</time>
          </p>
        ) : null}
      </PageHeading>
      {blocks.length === 0 ? (
        <EmptyState title="The security overview is not published yet">
          Our staff are writing it; the certifications page shows our audits meanwhile.
        </EmptyState>
      ) : (
        <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
          <nav aria-labelledby="toc" className="no-print lg:sticky lg:top-6 lg:self-start">
            <h2 id="toc" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              On this page
            </h2>
            <ol className="mt-2 space-y-1 text-sm">
              {blocks.map((b) => (
                <li key={b.slug}>
                  <a href={`#${b.slug}`} className="text-brand-700 hover:underline">
                    {b.title}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          <div className="space-y-6">
            {blocks.map((b) => (
              <section
                key={b.slug}
                id={b.slug}
                aria-labelledby={`${b.slug}-title`}
                className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm print:break-inside-avoid print:shadow-none"
              >
                <h2 id={`${b.slug}-title`} className="text-xl font-semibold text-slate-950">
                  {b.title}
                </h2>
                <RichText text={b.body} headingLevel={3} className="mt-3" />
              </section>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
