import { formatDate } from '@/lib/core/dates';
import { formatBytes } from '@/lib/documents/format';
import type { PortalDocument } from '@/lib/documents/list';
import { validityOf } from '@/lib/documents/validity';
import { ValidityNote, VisibilityBadge } from './badges';

const button = 'inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium';

/** One document on /documents: what it is, how current, and how to get it. */
export function DocumentCard({ doc, grantedUntil, now }: { doc: PortalDocument; grantedUntil: Date | null; now: Date }) {
  const validity = validityOf(doc.validUntil, now);
  const download = (
    <a href={`/documents/${doc.slug}.pdf`} className={`${button} bg-brand-600 text-white hover:bg-brand-700`}>
      Download PDF<span className="sr-only"> of {doc.title}</span>
    </a>
  );
  return (
    <li
      id={doc.slug}
      className="scroll-mt-6 flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:flex-row sm:items-start sm:justify-between"
    >
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="font-semibold text-slate-900">{doc.title}</h3>
          <VisibilityBadge visibility={doc.visibility} />
        </div>
        {doc.description ? <p className="mt-1 text-sm leading-6 text-slate-700">{doc.description}</p> : null}
        <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">
          <span>Updated {formatDate(doc.file?.uploadedAt ?? doc.updatedAt)}</span>
          {doc.generator ? <span>Always current: generated from live data</span> : null}
          {doc.file && !doc.generator ? (
            <span>
              Version {doc.file.version} · PDF, {formatBytes(doc.file.size)}
            </span>
          ) : null}
          <ValidityNote validity={validity} />
        </p>
      </div>
      <div className="flex shrink-0 flex-col items-start gap-1 sm:items-end">
        {doc.visibility === 'public' ? (
          download
        ) : grantedUntil ? (
          <>
            {download}
            <span className="text-xs text-slate-600">Your access ends {formatDate(grantedUntil)}</span>
          </>
        ) : (
          <a href={`/documents?want=${doc.slug}#request-access`} className={`${button} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`}>
            Request access<span className="sr-only"> to {doc.title}</span>
          </a>
        )}
      </div>
    </li>
  );
}
