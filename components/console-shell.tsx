import Link from 'next/link';
import type { ReactNode } from 'react';
import { ROLE_LABELS, type Role } from '@/lib/core/roles';
import { SignOutButton } from './sign-out-button';

interface Props {
  area: string;
  organization: string;
  person: { name: string; email: string; role: Role };
  nav: { href: string; label: string }[];
  children: ReactNode;
}

/** The frame of /admin and /console: who is signed in, where they are, and the way out. */
export function ConsoleShell({ area, organization, person, nav, children }: Props) {
  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      <div className="flex flex-wrap items-center justify-between gap-4 border-b border-slate-200 pb-4">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">{area}</p>
          <p className="text-sm text-slate-600">{organization}</p>
        </div>
        <div className="flex items-center gap-4">
          <div className="text-right text-sm" data-testid="signed-in-as">
            <p className="font-medium text-slate-900">{person.name}</p>
            <p className="text-slate-600">
              {person.email} · {ROLE_LABELS[person.role]}
            </p>
          </div>
          <SignOutButton />
        </div>
      </div>
      <div className="mt-6 grid gap-8 md:grid-cols-[12rem_1fr]">
        <nav aria-label={area} className="flex flex-row flex-wrap gap-1 md:flex-col">
          {nav.map((item) => (
            <Link key={item.href} href={item.href} className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="min-w-0">{children}</div>
      </div>
    </div>
  );
}
