import { handler } from '@/lib/api/handler';
import { publicNda } from '@/lib/access/public-nda';

/**
 * The current NDA, for programs that request access: send its `id` and `sha256` back as
 * ndaVersionId and ndaSha256 with the request to accept exactly this text.
 */
export const GET = handler({ access: 'public', db: false }, async () => ({
  json: { nda: await publicNda() },
  headers: { 'Cache-Control': 'public, max-age=60' },
}));
