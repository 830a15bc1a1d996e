import { publicSettings } from '@/lib/portal/public-settings';

export async function SiteFooter() {
  const settings = await publicSettings();
  const links = [
    { href: '/vulnerability-disclosure', label: 'Vulnerability disclosure' },
    { href: '/governance-log', label: 'Governance log' },
    { href: '/.well-known/security.txt', label: 'security.txt' },
    { href: '/subprocessors.json', label: 'Sub-processors (JSON)' },
    { href: '/subprocessors/feed.xml', label: 'Atom feed' },
  ];
  return (
    <footer className="no-print mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
        <p>© {settings.vendorName}. Each customer’s data is isolated by the database itself.</p>
        <nav aria-label="Footer" className="flex flex-wrap gap-x-4 gap-y-1">
          {settings.statusPageUrl && (
            <a href={settings.statusPageUrl} className="hover:text-slate-900" rel="noopener">
              System status
            </a>
          )}
          {links.map((l) => (
            <a key={l.href} href={l.href} className="hover:text-slate-900">
              {l.label}
            </a>
          ))}
        </nav>
      </div>
    </footer>
  );
}
