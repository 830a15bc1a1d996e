import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { readVersionFile } from '@/lib/documents/versions';
import { recordedRead } from '@/lib/http/recorded-read';
import { route } from '@/lib/http/route';

/** Any stored version's PDF, for trust admins (not counted as a portal download). */
export const GET = route(recordedRead(async (request, { params }: { params: Promise<{ id: string; version: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id, version } = await params;
  const file = await readVersionFile(await getDatabase(), actor, id, Number(version));
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
    },
  });
}));
