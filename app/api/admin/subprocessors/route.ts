import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { readAdminSubprocessors } from '@/lib/subprocessors/read';

/** Current, upcoming and draft changes, as the staff page shows them. */
export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  return NextResponse.json(await readAdminSubprocessors(await getDatabase(), systemClock, actor));
});
