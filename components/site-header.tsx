import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { publicSettings } from '@/lib/portal/public-settings';

export const PORTAL_NAV = [
  { href: '/', label: 'Overview' },
  { href: '/certifications', label: 'Certifications' },
  { href: '/security', label: 'Security' },
  { href: '/subprocessors', label: 'Sub-processors' },
  { href: '/documents', label: 'Documents' },
  { href: '/updates', label: 'Updates' },
];

// Plain links, here and on the public pages: next/link is a client component that would add its
// code, a hydrated component per link and a prefetch request per visible link to every page.
// The public pages are read, not navigated as an application (bench/client-js.ts).
export async function SiteHeader() {
  // Cookie presence only: the header costs no database query; /account checks the session.
  const signedIn = (await cookies()).has(SESSION_COOKIE);
  const settings = await publicSettings();
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <a href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          {settings.logoVersion ? (
            // eslint-disable-next-line @next/next/no-img-element -- a same-origin image the staff upload
            <img src={`/logo?v=${settings.logoVersion}`} alt="" className="h-7 w-auto" />
          ) : (
            <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
              <path fill="#2f5bd3" d="M16 2 4 6.5v8.2C4 22.3 9.1 28.3 16 30c6.9-1.7 12-7.7 12-15.3V6.5z" />
              <path fill="#fff" d="m14.2 20.6-4.6-4.6 1.8-1.8 2.8 2.8 6.4-6.4 1.8 1.8z" />
            </svg>
          )}
          <span>
            {settings.vendorName} <span className="font-normal text-slate-500">Trust Center</span>
          </span>
        </a>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          {PORTAL_NAV.map((item) => (
            <a key={item.href} href={item.href} className="text-slate-700 hover:text-slate-950">
              {item.label}
            </a>
          ))}
          <a href={signedIn ? '/account' : '/sign-in'} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
            {signedIn ? 'My account' : 'Sign in'}
          </a>
        </nav>
      </div>
    </header>
  );
}
