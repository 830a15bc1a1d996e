import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { DemoBanner } from '@/components/demo-banner';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

// The demo banner and sessions depend on run-time configuration, not on what was set at build.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Trust Center', template: '%s · Trust Center' },
  description: 'Security posture, sub-processors, documents and customer-controlled access, in one place.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <DemoBanner />
        <SiteHeader />
        <main id="main" className="flex-1">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
