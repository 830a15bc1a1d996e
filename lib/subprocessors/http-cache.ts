import { createHash } from 'node:crypto';

/**
 * A public document that caches and users of HTTP can keep: fresh for a minute (the portal's
 * own cache backstop), then revalidated with its ETag.
 */
export function cacheableResponse(request: Request, body: string, contentType: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = {
    'Content-Type': contentType,
    'Cache-Control': 'public, max-age=60, stale-while-revalidate=300',
    ETag: etag,
  };
  const match = request.headers.get('if-none-match');
  if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}
