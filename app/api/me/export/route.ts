import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { exportPersonalData } from '@/lib/privacy/personal-data';

/** The caller's personal data as a JSON download (GDPR art. 15 and 20). POST, as it is recorded in the log. */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  const now = systemClock.now();
  const data = await exportPersonalData(await getDatabase(), actor, now);
  return NextResponse.json(data, {
    headers: {
      'content-disposition': `attachment; filename="personal-data-${now.toISOString().slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
});
