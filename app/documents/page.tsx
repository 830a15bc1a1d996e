import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { RequestAccessForm } from '@/components/access/request-access-form';
import { DocumentCard } from '@/components/documents/document-card';
import { EmptyState } from '@/components/ui/empty-state';
import { FormNotice } from '@/components/ui/notice';
import { PageHeading } from '@/components/ui/page-heading';
import { GRANT_COOKIE, tokensFromCookie } from '@/lib/access/grant-cookie';
import { grantedDocuments } from '@/lib/access/grants';
import { publicNda } from '@/lib/access/public-nda';
import { accessRequestInput } from '@/lib/access/submit';
import { systemClock } from '@/lib/core/clock';
import { describedFields, fieldErrors } from '@/lib/core/parse-input';
import { getDatabase } from '@/lib/db';

import type { PortalDocument } from '@/lib/documents/list';
import { publicDocuments } from '@/lib/documents/public-documents';
import { publicSettings } from '@/lib/portal/public-settings';

export const metadata: Metadata = {
  title: 'Documents',
  description: 'Security and compliance documents: public ones download at once; confidential ones after accepting our NDA and an approved request.',
};

const ERRORS: Record<string, string> = fieldErrors(describedFields(accessRequestInput), {
  nda_not_accepted: 'Read the NDA and tick “I accept” to send the request.',
  typed_name_mismatch: 'To sign the NDA, type your full name exactly as in the Name field.',
  nda_changed: 'A new version of the NDA was published while you were reading. Read the current version below and accept it.',
  nda_unavailable: 'Access requests open once our NDA is published. Please try again later.',
  invalid_request: 'Some fields were missing or not valid. Check the form and send it again.',
});

const RESULTS: Record<string, string> = {
  received:
    'Thank you. We sent the next step to your e-mail address: a personal link that opens the documents if your request is approved at once, otherwise our answer after our team’s review, usually within one business day.',
};

function byCategory(docs: PortalDocument[]) {
  const groups = new Map<string, PortalDocument[]>();
  for (const d of docs) groups.set(d.category, [...(groups.get(d.category) ?? []), d]);
  return [...groups.entries()];
}

const slugId = (category: string) => `category-${category.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

export default async function DocumentsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const [docs, nda, settings, params, jar] = await Promise.all([publicDocuments(), publicNda(), publicSettings(), searchParams, cookies()]);
  const now = new Date();
  // Only a visitor who followed a sign-in link holds grant tokens; everyone else costs no query here.
  const tokens = tokensFromCookie(jar.get(GRANT_COOKIE)?.value);
  const granted = tokens.length > 0 ? await grantedDocuments(await getDatabase(), systemClock, tokens) : new Map<string, Date>();
  const gated = docs.filter((d) => d.visibility !== 'public');
  const wanted = new Set([params.want].flat().filter((v): v is string => typeof v === 'string'));
  const error = singleParam(params.error);
  const result = typeof params.request === 'string' ? RESULTS[params.request] : undefined;
  const lastGrant = granted.size ? new Date(Math.max(...[...granted.values()].map((d) => d.getTime()))) : null;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <PageHeading eyebrow={`${settings.vendorName} Trust Center`} title="Documents">
        Certificates, reports and policies for your security review. Public documents download at once. Confidential ones, marked NDA or Restricted, need a
        short request: accept our NDA and we e-mail you a personal link.
      </PageHeading>

      <div id="request-result">
        {error ? (
          <FormNotice error={error} errors={ERRORS} />
        ) : result ? (
          <FormNotice success={result} errors={ERRORS} />
        ) : params.access === 'granted' ? (
          <FormNotice
            success={
              lastGrant
                ? `Your access link worked. The ${granted.size === 1 ? 'document it opens shows' : `${granted.size} documents it opens show`} “Download PDF” until ${formatDate(lastGrant)}.`
                : undefined
            }
            error={lastGrant ? undefined : 'no_access'}
            errors={{ no_access: 'This browser holds no working access link. Open the link from your e-mail again.' }}
          />
        ) : null}
        {error ? (
          <p className="-mt-2 mb-4 text-sm">
            <a href="#request-access" className="font-medium text-brand-700 underline">
              Go to the request form
            </a>
          </p>
        ) : null}
      </div>

      <section id="documents-list" aria-label="All documents">
        {docs.length === 0 ? (
          <EmptyState title="No documents yet">Documents appear here as soon as our team publishes them.</EmptyState>
        ) : (
          byCategory(docs).map(([category, items]) => (
            <section key={category} aria-labelledby={slugId(category)} className="mb-10">
              <h2 id={slugId(category)} className="text-xl font-semibold text-slate-900">
                {category}
              </h2>
              <ul className="mt-4 grid gap-3">
                {items.map((d) => (
                  <DocumentCard key={d.id} doc={d} now={now} grantedUntil={granted.get(d.slug) ?? null} />
                ))}
              </ul>
            </section>
          ))
        )}
      </section>

      {gated.length > 0 ? (
        <section id="request-access" aria-labelledby="request-access-heading" className="scroll-mt-6 border-t border-slate-200 pt-10">
          <h2 id="request-access-heading" className="text-xl font-semibold text-slate-900">
            Request access to confidential documents
          </h2>
          <p className="mt-2 max-w-3xl text-slate-700">
            Tell us who you are and which documents you need, and accept our NDA. Requests from our customers’ company domains are approved at once; others are
            reviewed by our team. Restricted documents are always reviewed by a person.
          </p>
          {nda ? (
            <RequestAccessForm documents={gated} nda={nda} wanted={wanted} grantDays={settings.accessGrantDays} />
          ) : (
            <EmptyState className="mt-6" title="Requests open soon">
              Our NDA is being prepared. Please check back shortly.
            </EmptyState>
          )}
        </section>
      ) : null}
    </div>
  );
}
