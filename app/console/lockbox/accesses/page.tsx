import type { Metadata } from 'next';
import { ReportedAccessTable } from '@/components/lockbox/reported-accesses';
import { BackLink } from '@/components/ui/back-link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { requireCustomer } from '@/lib/auth/request';
import { type PageSearchParams, pageParam } from '@/lib/core/search-params';
import { getDatabase } from '@/lib/db';
import { listReportedAccesses } from '@/lib/integration/access-list';

export const metadata: Metadata = { title: 'Reported accesses', description: 'Every access the vendor’s product reported to your organization’s data.' };

const HERE = '/console/lockbox/accesses';
const PAGE_SIZE = 25;

export default async function ReportedAccessesPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireCustomer(HERE);
  const page = pageParam((await searchParams).page);
  const { accesses, total } = await listReportedAccesses({ db: await getDatabase(), actor }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return (
    <div>
      <BackLink href="/console/lockbox">Lockbox</BackLink>
      <PageHeading title="Reported accesses">
        Every read or change of {actor.tenantName}’s data that the vendor’s product reported, newest first, with the grant that covered it. One that no grant
        covered is marked, and your customer admins were told of it when it was reported. Each is also in your governance log.
      </PageHeading>
      {accesses.length === 0 ? (
        <EmptyState title="No accesses reported">
          When vendor staff reach your data in the vendor’s product under a grant, each access is listed here.
        </EmptyState>
      ) : (
        <ReportedAccessTable accesses={accesses} caption="Reported accesses to your data" />
      )}
      <Pagination basePath={HERE} page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
