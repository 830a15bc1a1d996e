import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/clock';
import { getDatabase } from '@/lib/db';
import { exportFileName, exportLines, recordExport } from '@/lib/governance/export';
import { route } from '@/lib/http/route';

/**
 * The caller's chain as JSON Lines with its signed checkpoints (docs/governance-log.md), streamed:
 * a tenant's users get their tenant's chain, trust admins the vendor chain. The export is itself
 * recorded in the chain first, so the file ends with the event of its own making.
 */
export const GET = route(async (request) => {
  const actor = await requireApiActor(request);
  const db = await getDatabase();
  const target = await recordExport(db, actor, request.nextUrl.searchParams.get('via') === 'console' ? 'console' : 'api');
  const lines = exportLines(db, target, systemClock);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(`${value}\n`));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(target, systemClock.now())}"`,
      'cache-control': 'no-store',
    },
  });
});
