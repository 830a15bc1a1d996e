import { formatDate } from '@/lib/core/dates';
import type { ReactNode } from 'react';
import { countryName } from '@/lib/subprocessors/countries';

import type { CurrentSubprocessor } from '@/lib/subprocessors/timeline';

const cell = 'block px-4 py-1 md:table-cell md:py-3 md:align-top';
/** Shown before a value when the table is stacked on narrow screens, where column headers are hidden. */
const Label = ({ children }: { children: ReactNode }) => <span className="font-medium text-slate-600 md:hidden">{children}: </span>;

const host = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/**
 * The current sub-processors: a table on wide screens, one card per row on narrow ones.
 * `compact` leaves out data categories and transfer mechanism (the staff page, beside its actions).
 */
export function SubprocessorTable({
  rows,
  caption,
  action,
  compact,
}: {
  rows: CurrentSubprocessor[];
  caption: string;
  action?: (row: CurrentSubprocessor) => ReactNode;
  compact?: boolean;
}) {
  // The compact table (the admin list) leaves out the two longest columns.
  const columns = ['Name', 'Purpose', ...(compact ? [] : ['Data categories']), 'Locations', ...(compact ? [] : ['Transfer mechanism']), 'Customer records'];
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="hidden bg-slate-100 text-slate-700 md:table-header-group">
        <tr>
          {columns.map((label) => (
            <th key={label} scope="col" className="px-4 py-2 font-medium">
              {label}
            </th>
          ))}
          {action ? (
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="block md:table-row-group">
        {rows.map((s) => (
          <tr
            key={s.slug}
            id={s.slug}
            className="mb-3 block rounded-lg border border-slate-200 bg-white py-2 md:mb-0 md:table-row md:rounded-none md:border-0 md:border-t md:py-0"
          >
            <th scope="row" className={`${cell} font-semibold text-slate-900 md:min-w-36`}>
              {s.name}
              <a href={s.website} rel="noopener noreferrer" className="mt-0.5 block text-xs font-normal break-words text-brand-700 underline">
                {host(s.website)}
              </a>
              <span className="mt-0.5 block text-xs font-normal text-slate-600">Since {formatDate(s.since)}</span>
            </th>
            <td className={cell}>
              <Label>Purpose</Label>
              {s.purpose}
            </td>
            {compact ? null : (
              <td className={cell}>
                <Label>Data categories</Label>
                {s.dataCategories.join(', ')}
              </td>
            )}
            <td className={cell}>
              <Label>Locations</Label>
              {s.locations.map((code, i) => (
                <span key={code}>
                  {i > 0 ? ', ' : ''}
                  <abbr title={code} className="no-underline">
                    {countryName(code)}
                  </abbr>
                </span>
              ))}
            </td>
            {compact ? null : (
              <td className={cell}>
                <Label>Transfer mechanism</Label>
                {s.transferMechanism}
              </td>
            )}
            <td className={cell}>
              <Label>Processes customer records</Label>
              {s.processesCustomerRecords ? <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">Yes</span> : <span>No</span>}
            </td>
            {action ? <td className={`${cell} whitespace-nowrap md:text-right`}>{action(s)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
