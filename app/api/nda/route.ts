import { NextResponse } from 'next/server';
import { publicNda } from '@/lib/access/public-nda';
import { route } from '@/lib/http/route';

/**
 * The current NDA, for programs that request access: send its `id` and `sha256` back as
 * ndaVersionId and ndaSha256 with the request to accept exactly this text.
 */
export const GET = route(async () => {
  const nda = await publicNda();
  return NextResponse.json({ nda }, { headers: { 'Cache-Control': 'public, max-age=60' } });
});
