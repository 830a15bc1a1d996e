import type { ReactNode } from 'react';

/** What a list shows when it has nothing in it. `className` places it (a margin). */
export function EmptyState({ title, className, children }: { title: string; className?: string; children?: ReactNode }) {
  return (
    <div className={`rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center${className ? ` ${className}` : ''}`}>
      <p className="font-medium text-slate-900">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}
