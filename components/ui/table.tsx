import type { ReactNode } from 'react';

export interface Column {
  label: string;
  /** Said to screen readers only (an actions column). */
  srOnly?: boolean;
  /** Shown from the `sm` breakpoint up: detail a phone can do without. */
  wideOnly?: boolean;
  /** A width class for a fixed layout (`w-32`); when any column has one, the layout is fixed. */
  width?: string;
}

/** Minimum widths: wider tables scroll sideways on a phone instead of squeezing their columns. */
const MIN_WIDTHS = {
  none: '',
  sm: 'min-w-[36rem]',
  md: 'min-w-[40rem]',
  lg: 'min-w-[44rem]',
  xl: 'min-w-[52rem]',
  '2xl': 'min-w-[56rem]',
} as const;

/**
 * A data table: a header row of column headers (scope="col") and the rows given as children.
 * It scrolls sideways inside its frame when it is wider than the screen; with a `caption`, the
 * frame is a labelled region keyboard users can focus to scroll it.
 */
export function Table({
  columns,
  caption,
  minWidth = 'none',
  className = '',
  children,
}: {
  columns: Column[];
  caption?: string;
  minWidth?: keyof typeof MIN_WIDTHS;
  className?: string;
  children: ReactNode;
}) {
  const fixed = columns.some((c) => c.width);
  const scroll = caption && minWidth !== 'none' ? { role: 'region', 'aria-label': caption, tabIndex: 0 } : {};
  return (
    // relative: the sr-only labels inside are placed within the frame, not past the edge of the page.
    <div {...scroll} className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white ${className}`}>
      <table className={`w-full text-left text-sm ${MIN_WIDTHS[minWidth]} ${fixed ? 'table-fixed' : ''}`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {fixed ? (
          <colgroup>
            {columns.map((c) => (
              <col key={c.label} className={c.width} />
            ))}
          </colgroup>
        ) : null}
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={`px-4 py-2 font-medium ${c.wideOnly ? 'hidden sm:table-cell' : ''}`}>
                {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 align-top">{children}</tbody>
      </table>
    </div>
  );
}
