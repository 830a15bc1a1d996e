import type { PageSearchParams } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import Link from 'next/link';
import { GovernanceLogPage } from '@/components/governance/governance-log-page';
import { requireCustomer } from '@/lib/auth/request';

export const metadata: Metadata = { title: 'Governance log', description: 'Every privileged action on your organization’s data, hash-chained and signed.' };

export default async function ConsoleGovernance({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireCustomer('/console/governance');
  return (
    <GovernanceLogPage
      actor={actor}
      basePath="/console/governance"
      chainLabel={`${actor.tenantName}’s chain`}
      searchParams={await searchParams}
      intro={
        <>
          Every privileged action on {actor.tenantName}’s data — lockbox requests and decisions, break-glass sessions, reads by vendor staff, refusals and
          exports — is appended here and can never be changed or removed. Each event carries the hash of the one before it and the vendor signs the chain’s
          head, so you can prove offline that nothing was altered.
        </>
      }
      links={
        actor.role === 'customer_admin' ? (
          <Link href="/console/governance/forwarding" className="text-brand-700 underline hover:text-brand-900">
            Forward these events to your SIEM
          </Link>
        ) : null
      }
    />
  );
}
