import { type PageSearchParams, pageParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';

import { requireCustomer } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { listDeliveries } from '@/lib/forwarding/deliveries';
import { listEndpoints } from '@/lib/forwarding/endpoints';
import { ForwardingPage, PAGE_SIZE } from '@/components/forwarding/forwarding-page';

export const metadata: Metadata = { title: 'Forwarding to a SIEM', description: 'Send your organization’s governance log to your SIEM as signed webhooks.' };

const HERE = '/console/governance/forwarding';

/** Customer admins only: endpoint URLs may carry a receiver's token, so members get a 403. */
export default async function ConsoleForwardingPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireCustomer(HERE);
  if (actor.role !== 'customer_admin') forbidden();
  const query = await searchParams;
  const page = pageParam(query.page);
  const db = await getDatabase();
  const [endpoints, { total, deliveries }] = await Promise.all([
    listEndpoints({ db, actor }),
    listDeliveries({ db, actor }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  return (
    <ForwardingPage
      here={HERE}
      chainLabel={`${actor.tenantName}’s governance log`}
      endpoints={endpoints}
      deliveries={deliveries}
      total={total}
      page={page}
      query={query}
    />
  );
}
