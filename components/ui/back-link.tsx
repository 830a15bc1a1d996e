import Link from 'next/link';
import type { ReactNode } from 'react';

/** The link above a page's heading back to where the page belongs ("← Documents"). */
export function BackLink({
  href,
  children,
  className = 'mb-2 text-sm',
  linkClassName = 'text-brand-700 hover:underline',
}: {
  href: string;
  children: ReactNode;
  className?: string;
  linkClassName?: string;
}) {
  return (
    <p className={className}>
      <Link href={href} className={linkClassName}>
        ← {children}
      </Link>
    </p>
  );
}
