import 'server-only';
import { portalSettings } from '@/drizzle/schema';
import type { Tx } from '@/lib/db/types';

/** The vendor's name for mail, read in the mail's own transaction. */
export async function vendorName(tx: Tx): Promise<string> {
  const [row] = await tx.select({ name: portalSettings.vendorName }).from(portalSettings).limit(1);
  return row?.name ?? 'Trust Center';
}
