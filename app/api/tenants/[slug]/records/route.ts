import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { recordedRead } from '@/lib/http/recorded-read';
import { route } from '@/lib/http/route';
import { readTenantRecords } from '@/lib/lockbox/tenant-data';

/** The tenant's records the database lets the caller see: its users; staff with a live grant or break-glass session. */
export const GET = route<{ params: Promise<{ slug: string }> }>(recordedRead(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const records = await readTenantRecords(await getDatabase(), systemClock, actor, (await params).slug);
  return NextResponse.json({ records });
}));
