import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/console-shell';
import { requireStaff } from '@/lib/auth/request';

// The staff tools that keep the public portal current: trust admins only.
const TRUST_ADMIN_NAV = [
  { href: '/admin/certifications', label: 'Certifications' },
  { href: '/admin/subprocessors', label: 'Sub-processors' },
  { href: '/admin/documents', label: 'Documents' },
  { href: '/admin/dpa', label: 'DPA' },
  { href: '/admin/questionnaires', label: 'Questionnaires' },
  { href: '/admin/access-requests', label: 'Access requests' },
  { href: '/admin/security', label: 'Security overview' },
  { href: '/admin/updates', label: 'Updates' },
  { href: '/admin/settings', label: 'Portal settings' },
  { href: '/admin/outbox', label: 'Mail outbox' },
  { href: '/admin/users', label: 'Staff and roles' },
  { href: '/admin/service-accounts', label: 'Service accounts' },
  { href: '/admin/governance', label: 'Governance log' },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requireStaff('/admin');
  return (
    <ConsoleShell
      area="Staff admin"
      organization="Vendor staff"
      person={actor}
      nav={[
        { href: '/admin', label: 'Overview' },
        { href: '/admin/tenants', label: 'Tenants' },
        ...(actor.role === 'support' || actor.role === 'trust_admin' ? [{ href: '/admin/lockbox', label: 'Lockbox requests' }] : []),
        ...(actor.role === 'break_glass' || actor.role === 'trust_admin' ? [{ href: '/admin/break-glass', label: 'Break-glass' }] : []),
        ...(actor.role === 'trust_admin' ? TRUST_ADMIN_NAV : []),
        { href: '/admin/account', label: 'Your account' },
      ]}
    >
      {children}
    </ConsoleShell>
  );
}
