import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/console-shell';
import { requireCustomer } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { listRequests } from '@/lib/lockbox/requests';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireCustomer('/console');
  // Requests waiting for an answer now.
  const { total: pending } = await listRequests({ db: await getDatabase(), clock: systemClock, actor }, { states: ['pending'], limit: 1 });
  return (
    <ConsoleShell
      area="Customer console"
      organization={actor.tenantName}
      person={actor}
      nav={[
        { href: '/console', label: 'Overview' },
        { href: '/console/dpa', label: 'DPA' },
        { href: '/console/lockbox', label: pending ? `Lockbox (${pending})` : 'Lockbox' },
        { href: '/console/governance', label: 'Governance log' },
        ...(actor.role === 'customer_admin' ? [{ href: '/console/users', label: 'Users and roles' }] : []),
        { href: '/console/account', label: 'Your account' },
      ]}
    >
      {children}
    </ConsoleShell>
  );
}
