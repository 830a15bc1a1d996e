import { NextResponse } from 'next/server';
import { removeDomainRule } from '@/lib/access/domain-rules';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';

export const DELETE = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  await removeDomainRule(await getDatabase(), actor, (await params).id);
  return NextResponse.json({ ok: true });
});
