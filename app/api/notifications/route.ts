import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { listNotifications } from '@/lib/notifications/inbox';

/** The caller's notifications, newest first, and how many are unread. */
export const GET = route(async (request) => {
  const actor = await requireApiActor(request);
  const limit = Number.parseInt(request.nextUrl.searchParams.get('limit') ?? '20', 10) || 20;
  return NextResponse.json(await listNotifications(await getDatabase(), actor, limit));
});
