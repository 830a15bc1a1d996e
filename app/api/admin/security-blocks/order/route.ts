import { NextResponse, type NextRequest } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { readBody, route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';
import { reorderSecurityBlocks } from '@/lib/portal/security-blocks';

/** Puts every block in the given order: {"order": [id, ...]} (JSON only). */
async function reorder(request: NextRequest) {
  const actor = await requireApiTrustAdmin(request);
  const { data } = await readBody(request);
  const blocks = await reorderSecurityBlocks(await getDatabase(), systemClock, actor, data);
  refreshPublic('security');
  return NextResponse.json({ blocks });
}

export const POST = route(reorder);
export const PUT = route(reorder);
