import { formatDate } from '@/lib/core/dates';
import { STATUS_LABELS } from './certification-rules';
import type { CertificationSnapshot } from './certifications';

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

const none = '—';
const dayOrNone = (d: string | null) => (d ? formatDate(d) : none);
const period = (s: CertificationSnapshot) => (s.periodStart && s.periodEnd ? `${formatDate(s.periodStart)} – ${formatDate(s.periodEnd)}` : none);

const FIELDS: { field: string; show: (s: CertificationSnapshot) => string }[] = [
  { field: 'Framework', show: (s) => s.framework },
  { field: 'Status', show: (s) => STATUS_LABELS[s.status] ?? s.status },
  { field: 'Audit period', show: period },
  { field: 'Target date', show: (s) => dayOrNone(s.targetDate) },
  { field: 'Report', show: (s) => (s.reportDocumentId ? (s.reportDocumentTitle ?? 'a document since deleted') : none) },
  { field: 'Description', show: (s) => s.description || none },
  { field: 'Order on the page', show: (s) => String(s.position) },
];

/** What one history row changed, field by field, in words; for the first row, what it began as. */
export function describeChange(before: CertificationSnapshot | null, after: CertificationSnapshot): FieldChange[] {
  return FIELDS.flatMap(({ field, show }) => {
    const to = show(after);
    const from = before ? show(before) : none;
    if (before && from === to) return [];
    if (!before && to === none) return [];
    return [{ field, from, to }];
  });
}
