import { handler } from '@/lib/api/handler';
import { publicLogo } from '@/lib/portal/public-logo';

/** The vendor's uploaded logo. Pages link it with ?v=<version>, so that URL may be cached for good. */
export const GET = handler({ access: 'public', db: false }, async (_ctx, { request }) => {
  const logo = await publicLogo();
  if (!logo) {
    return new Response('No logo has been uploaded.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const current = request.nextUrl.searchParams.get('v') === logo.version;
  return new Response(Buffer.from(logo.base64, 'base64'), {
    headers: {
      'Content-Type': logo.type,
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
    },
  });
});
