import Link from 'next/link';
import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/auth/cookie';

export async function SiteHeader() {
  // Cookie presence only: the header costs no database query; /account checks the session.
  const signedIn = (await cookies()).has(SESSION_COOKIE);
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
            <path fill="#2f5bd3" d="M16 2 4 6.5v8.2C4 22.3 9.1 28.3 16 30c6.9-1.7 12-7.7 12-15.3V6.5z" />
            <path fill="#fff" d="m14.2 20.6-4.6-4.6 1.8-1.8 2.8 2.8 6.4-6.4 1.8 1.8z" />
          </svg>
          Trust Center
        </Link>
        <nav aria-label="Main" className="flex items-center gap-5 text-sm">
          <Link href="/" className="text-slate-700 hover:text-slate-950">
            Overview
          </Link>
          <Link
            href={signedIn ? '/account' : '/sign-in'}
            className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
          >
            {signedIn ? 'My account' : 'Sign in'}
          </Link>
        </nav>
      </div>
    </header>
  );
}
