import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { removeMapping } from '@/lib/identity/mappings';

export const DELETE = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiActor(request);
  await removeMapping(await getDatabase(), systemClock, actor, (await params).id);
  return NextResponse.json({ ok: true });
});
