import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { listQuestionnaires } from '@/lib/questionnaires/read';

/** The questionnaires with how many questions are answered and when answers last changed. */
export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  return NextResponse.json({ questionnaires: await listQuestionnaires(await getDatabase(), actor) });
});
