import type { ReactNode } from 'react';
import { StateBadge } from './state-badge';

/**
 * The frame of a lockbox request's or a break-glass session's card: a list item holding an
 * article named by its h3 title, with its state beside the title. The item carries
 * data-request or data-session with the id, for tests.
 */
export function CardFrame({
  kind,
  id,
  title,
  state,
  children,
}: {
  kind: 'request' | 'session';
  id: string;
  title: ReactNode;
  state: Parameters<typeof StateBadge>[0]['state'];
  children: ReactNode;
}) {
  const headingId = `${kind}-${id}`;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" {...{ [`data-${kind}`]: id }}>
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
