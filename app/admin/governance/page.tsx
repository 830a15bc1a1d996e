import type { PageSearchParams } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import Link from 'next/link';
import { GovernanceLogPage } from '@/components/governance/governance-log-page';
import { requireTrustAdmin } from '@/lib/auth/request';

export const metadata: Metadata = { title: 'Governance log', description: 'The vendor chain: privileged actions that concern no single tenant.' };

export default async function AdminGovernance({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/governance');
  return (
    <GovernanceLogPage
      actor={actor}
      basePath="/admin/governance"
      chainLabel="the vendor chain"
      searchParams={await searchParams}
      intro={
        <>
          The vendor chain records what concerns no single tenant: sign-ins and refusals of staff and visitors, role changes, content and certification changes,
          access-request decisions and exports. Each tenant’s own chain is readable only by that tenant’s users; they export and verify it from their console.
        </>
      }
      links={
        <Link href="/admin/governance/forwarding" className="text-brand-700 underline hover:text-brand-900">
          Forward the vendor chain to a SIEM
        </Link>
      }
    />
  );
}
