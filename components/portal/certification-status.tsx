import type { CertificationStatus } from '@/drizzle/schema';
import { STATUS_LABELS } from '@/lib/portal/certification-rules';

const STYLES: Record<CertificationStatus, string> = {
  attested: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  audit_window: 'bg-brand-100 text-brand-900 ring-brand-600/30',
  in_progress: 'bg-amber-100 text-amber-950 ring-amber-300',
  not_started: 'bg-slate-100 text-slate-800 ring-slate-300',
  expired: 'bg-red-100 text-red-900 ring-red-300',
};

/** A certification's status as a labelled badge (the text carries the meaning, not the colour). */
export function CertificationStatusBadge({ status }: { status: CertificationStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLES[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}
