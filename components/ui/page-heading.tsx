import type { ReactNode } from 'react';

export function PageHeading({ title, children, eyebrow }: { title: string; eyebrow?: string; children?: ReactNode }) {
  return (
    <div className="mb-6">
      {eyebrow ? <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{eyebrow}</p> : null}
      <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-950 sm:text-3xl">{title}</h1>
      {children ? <div className="mt-2 max-w-3xl text-slate-700">{children}</div> : null}
    </div>
  );
}
