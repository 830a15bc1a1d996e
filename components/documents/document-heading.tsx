import type { ReactNode } from 'react';
import type { DocumentVisibility } from '@/drizzle/schema';
import { BackLink } from '@/components/ui/back-link';
import { VisibilityBadge } from './badges';

/** The top of a document's or a questionnaire's admin page: the link back to its list, its title, and a line of facts after its visibility. */
export function DocumentHeading({
  back,
  title,
  visibility,
  children,
}: {
  back: { href: string; label: string };
  title: string;
  visibility: DocumentVisibility;
  children: ReactNode;
}) {
  return (
    <>
      <BackLink href={back.href}>{back.label}</BackLink>
      <h1 className="text-2xl font-bold tracking-tight text-slate-950">{title}</h1>
      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
        <VisibilityBadge visibility={visibility} />
        {children}
      </p>
    </>
  );
}
