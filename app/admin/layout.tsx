import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/console-shell';
import { requireStaff } from '@/lib/auth/request';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requireStaff('/admin');
  return (
    <ConsoleShell area="Staff admin" organization="Vendor staff" person={actor} nav={[
        { href: '/admin', label: 'Overview' },
        ...(actor.role === 'trust_admin' ? [{ href: '/admin/users', label: 'Staff and roles' }] : []),
      ]}>
      {children}
    </ConsoleShell>
  );
}
