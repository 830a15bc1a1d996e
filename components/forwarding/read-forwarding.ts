import 'server-only';
import type { Actor } from '@/lib/core/actor';
import { type SearchParams, pageParam } from '@/lib/core/search-params';
import { getDatabase } from '@/lib/db';
import { listDeliveries } from '@/lib/forwarding/deliveries';
import { listEndpoints } from '@/lib/forwarding/endpoints';
import { PAGE_SIZE } from './forwarding-page';

/** What ForwardingPage shows of the actor's chain: its endpoints and the page of recent deliveries the query asks for. */
export async function readForwarding(actor: Actor, query: SearchParams) {
  const page = pageParam(query.page);
  const db = await getDatabase();
  const [endpoints, { total, deliveries }] = await Promise.all([
    listEndpoints({ db, actor }),
    listDeliveries({ db, actor }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  return { endpoints, deliveries, total, page };
}
