import type { LockboxState } from '@/lib/lockbox/views';
import { STATE_LABELS } from './format';

const STYLES: Record<LockboxState | 'ended' | 'reviewed', string> = {
  pending: 'bg-amber-100 text-amber-900',
  active: 'bg-emerald-100 text-emerald-900',
  denied: 'bg-red-100 text-red-900',
  expired: 'bg-slate-200 text-slate-800',
  revoked: 'bg-red-100 text-red-900',
  ended: 'bg-slate-200 text-slate-800',
  reviewed: 'bg-sky-100 text-sky-900',
};

const LABELS: Record<LockboxState | 'ended' | 'reviewed', string> = { ...STATE_LABELS, ended: 'Ended', reviewed: 'Reviewed' };

export function StateBadge({ state }: { state: LockboxState | 'ended' | 'reviewed' }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${STYLES[state]}`} data-state={state}>
      {LABELS[state]}
    </span>
  );
}
