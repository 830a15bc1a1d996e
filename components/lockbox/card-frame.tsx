import type { ReactNode } from 'react';
import { StateBadge } from './state-badge';

/**
 * The frame of a lockbox request's or a break-glass session's card: a list item holding an
 * article named by its h3 title, with its state beside the title. `data` marks the item for tests.
 */
export function CardFrame({
  headingId,
  data,
  title,
  state,
  children,
}: {
  headingId: string;
  data: Record<`data-${string}`, string>;
  title: ReactNode;
  state: Parameters<typeof StateBadge>[0]['state'];
  children: ReactNode;
}) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" {...data}>
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h3 id={headingId} className="font-semibold text-slate-900">
            {title}
          </h3>
          <StateBadge state={state} />
        </div>
        {children}
      </article>
    </li>
  );
}
