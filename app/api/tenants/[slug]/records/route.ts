import { handler } from '@/lib/api/handler';
import { readTenantRecords } from '@/lib/lockbox/tenant-data';

/** The tenant's records the database lets the caller see: its users; staff with a live grant or break-glass session. */
export const GET = handler({ access: 'signed-in', recordedRead: true }, async (ctx, { params }: { params: { slug: string } }) => ({
  json: { records: await readTenantRecords(ctx, params.slug) },
}));
