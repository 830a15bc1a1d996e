import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/console-shell';
import { requireCustomer } from '@/lib/auth/request';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireCustomer('/console');
  return (
    <ConsoleShell area="Customer console" organization={actor.tenantName} person={actor} nav={[
        { href: '/console', label: 'Overview' },
        { href: '/console/dpa', label: 'DPA' },
        ...(actor.role === 'customer_admin' ? [{ href: '/console/users', label: 'Users and roles' }] : []),
      ]}>
      {children}
    </ConsoleShell>
  );
}
