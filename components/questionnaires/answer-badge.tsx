import { ANSWER_LABELS, type Answer } from '@/lib/questionnaires/answers';

const STYLES: Record<Answer | 'none', string> = {
  yes: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  no: 'bg-rose-50 text-rose-800 ring-rose-200',
  na: 'bg-slate-100 text-slate-700 ring-slate-300',
  none: 'bg-amber-50 text-amber-900 ring-amber-200',
};

export function AnswerBadge({ answer }: { answer: Answer | null }) {
  return (
    <span className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[answer ?? 'none']}`}>
      {answer ? ANSWER_LABELS[answer] : 'Not answered'}
    </span>
  );
}
