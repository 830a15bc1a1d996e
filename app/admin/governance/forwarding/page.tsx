import type { PageSearchParams } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { ForwardingPage } from '@/components/forwarding/forwarding-page';
import { readForwarding } from '@/components/forwarding/read-forwarding';
import { requireTrustAdmin } from '@/lib/auth/request';

export const metadata: Metadata = { title: 'Forwarding to a SIEM', description: 'Send the vendor’s governance log to a SIEM as signed webhooks.' };

const HERE = '/admin/governance/forwarding';

/** Trust admins: the vendor chain's endpoints (each tenant manages its own in the customer console). */
export default async function AdminForwardingPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin(HERE);
  const query = await searchParams;
  return (
    <ForwardingPage
      here={HERE}
      chainLabel="the vendor’s governance log"
      note="Each tenant forwards its own log from its customer console."
      query={query}
      {...await readForwarding(actor, query)}
    />
  );
}
