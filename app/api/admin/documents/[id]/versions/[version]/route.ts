import { handler } from '@/lib/api/handler';
import { readVersionFile } from '@/lib/documents/versions';

/** Any stored version's PDF, for trust admins (not counted as a portal download). */
export const GET = handler({ access: 'trust-admin', recordedRead: true }, async (ctx, { params }: { params: { id: string; version: string } }) => {
  const file = await readVersionFile(ctx, params.id, Number(params.version));
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
    },
  });
});
