import type { ReactNode } from 'react';

/**
 * The root of an admin page with wide tables: a single grid column that may shrink to zero,
 * so a table scrolls inside its own box instead of widening the console's column (and the
 * whole page) on a phone.
 */
export function FitWidth({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <div className={`grid grid-cols-[minmax(0,1fr)] ${className}`}>{children}</div>;
}
