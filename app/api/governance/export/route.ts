import { z } from 'zod';
import { handler } from '@/lib/api/handler';
import { linesStream } from '@/lib/http/lines-stream';
import { exportFileName, exportLines, recordExport } from '@/lib/governance/export';

const input = z.object({ via: z.enum(['console', 'api']).default('api') });

/**
 * The caller's chain as JSON Lines with its signed checkpoints (docs/governance-log.md), streamed:
 * a tenant's users get their tenant's chain, trust admins the vendor chain. The export is itself
 * recorded in the chain first, so the file ends with the event of its own making. A POST (the
 * console's Download button is a form), as it is recorded: another site can make a browser
 * follow a link, but not post across sites past route()'s same-origin check.
 */
export const POST = handler({ access: 'signed-in', input }, async (ctx, { input: { via } }) => {
  const target = await recordExport(ctx, via);
  return new Response(linesStream(exportLines(ctx.db, target, ctx.clock)), {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(target, ctx.clock.now())}"`,
      'cache-control': 'no-store',
    },
  });
});
