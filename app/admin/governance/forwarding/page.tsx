import { type PageSearchParams, pageParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { ForwardingPage, PAGE_SIZE } from '@/components/forwarding/forwarding-page';

import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { listDeliveries } from '@/lib/forwarding/deliveries';
import { listEndpoints } from '@/lib/forwarding/endpoints';

export const metadata: Metadata = { title: 'Forwarding to a SIEM', description: 'Send the vendor’s governance log to a SIEM as signed webhooks.' };

const HERE = '/admin/governance/forwarding';

/** Trust admins: the vendor chain's endpoints (each tenant manages its own in the customer console). */
export default async function AdminForwardingPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin(HERE);
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
      chainLabel="the vendor’s governance log"
      note="Each tenant forwards its own log from its customer console."
      endpoints={endpoints}
      deliveries={deliveries}
      total={total}
      page={page}
      query={query}
    />
  );
}
