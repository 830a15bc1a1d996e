import type { PageSearchParams } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { ForwardingPage } from '@/components/forwarding/forwarding-page';
import { readForwarding } from '@/components/forwarding/read-forwarding';
import { requireCustomer } from '@/lib/auth/request';

export const metadata: Metadata = { title: 'Forwarding to a SIEM', description: 'Send your organization’s governance log to your SIEM as signed webhooks.' };

const HERE = '/console/governance/forwarding';

/** Customer admins only: endpoint URLs may carry a receiver's token, so members get a 403. */
export default async function ConsoleForwardingPage({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireCustomer(HERE);
  if (actor.role !== 'customer_admin') forbidden();
  const query = await searchParams;
  return <ForwardingPage here={HERE} chainLabel={`${actor.tenantName}’s governance log`} query={query} {...await readForwarding(actor, query)} />;
}
