import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { route } from '@/lib/http/route';
import { getQuestionnaire } from '@/lib/questionnaires/read';

/** One questionnaire: its sections with every question, answer, comment and evidence document. */
export const GET = route(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  return NextResponse.json({ questionnaire: await getQuestionnaire(await getDatabase(), actor, (await params).slug) });
});
