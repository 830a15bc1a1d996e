import type { ReactNode } from 'react';

/** A part of a page under an h2 that names it (the section is labelled by its heading). */
export function Section({
  id,
  title,
  className,
  headingClassName = 'text-lg font-semibold',
  children,
}: {
  /** The heading's id, which labels the section. */
  id: string;
  title: ReactNode;
  className?: string;
  headingClassName?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={headingClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
