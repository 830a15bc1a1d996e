import Link from 'next/link';
import type { ReactNode } from 'react';

/** How the link is underlined: on hover, always, or always and darker on hover. */
const LINKS = {
  hover: 'text-brand-700 hover:underline',
  always: 'text-brand-700 underline',
  darken: 'text-brand-700 underline hover:text-brand-900',
} as const;

/** The link above a page's heading back to where the page belongs ("← Documents"). */
export function BackLink({
  href,
  children,
  className = 'mb-2 text-sm',
  underline = 'hover',
}: {
  href: string;
  children: ReactNode;
  className?: string;
  underline?: keyof typeof LINKS;
}) {
  return (
    <p className={className}>
      <Link href={href} className={LINKS[underline]}>
        ← {children}
      </Link>
    </p>
  );
}
