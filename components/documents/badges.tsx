import { formatDate } from '@/lib/core/dates';
import type { DocumentVisibility } from '@/drizzle/schema';

import type { Validity } from '@/lib/documents/validity';

const VISIBILITY: Record<DocumentVisibility, { label: string; className: string }> = {
  public: { label: 'Public', className: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  nda: { label: 'NDA', className: 'bg-amber-50 text-amber-900 ring-amber-200' },
  restricted: { label: 'Restricted', className: 'bg-rose-50 text-rose-800 ring-rose-200' },
};

export const VISIBILITY_LABELS: Record<DocumentVisibility, string> = {
  public: 'Public: anyone can download it',
  nda: 'NDA: after accepting the NDA and an approved request',
  restricted: 'Restricted: only after a person approves the request',
};

export function VisibilityBadge({ visibility }: { visibility: DocumentVisibility }) {
  const v = VISIBILITY[visibility];
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${v.className}`}>
      {v.label}
    </span>
  );
}

/** Valid-until as reviewers and staff read it; staff also see when it expires soon. */
export function ValidityNote({ validity, staff = false }: { validity: Validity; staff?: boolean }) {
  if (validity.state === 'none' || !validity.validUntil) return null;
  if (validity.state === 'expired') {
    return (
      <span className="inline-flex items-center gap-1 font-medium text-red-800">
        <span className="whitespace-nowrap rounded-full bg-red-100 px-2 py-0.5 text-xs ring-1 ring-inset ring-red-200">Expired</span>
        on {formatDate(validity.validUntil)}
      </span>
    );
  }
  if (staff && validity.state === 'expires_soon') {
    return (
      <span className="inline-flex items-center gap-1 font-medium text-amber-900">
        <span className="whitespace-nowrap rounded-full bg-amber-100 px-2 py-0.5 text-xs ring-1 ring-inset ring-amber-300">Expires soon</span>
        {formatDate(validity.validUntil)} ({validity.daysLeft === 0 ? 'today' : `in ${validity.daysLeft} days`})
      </span>
    );
  }
  return <span>Valid until {formatDate(validity.validUntil)}</span>;
}
