import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';
import { readAnswerChanges, redirectWithAnswerError } from '@/lib/questionnaires/http';
import type { AnswerChange } from '@/lib/questionnaires/schemas';
import { updateAnswers } from '@/lib/questionnaires/update';
import { warmQuestionnairePdf } from '@/lib/questionnaires/warm';

/**
 * Saves answers: JSON `{"answers": [{"questionId", "answer": "yes"|"no"|"na"|null, "comment",
 * "evidence": slug|null}]}` (every field required), or a section form of the staff page. All
 * or nothing; only questions that really change are written.
 */
export const POST = route(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { slug } = await params;
  const page = `/admin/questionnaires/${encodeURIComponent(slug)}`;
  const form = (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  const section = request.nextUrl.searchParams.get('section') ?? '';
  const at = /^section-[0-9]{1,3}$/.test(section) ? section : undefined;
  let changes: AnswerChange[] = [];
  try {
    const db = await getDatabase();
    changes = (await readAnswerChanges(request)).changes;
    const saved = await updateAnswers(db, systemClock, actor, slug, changes);
    if (saved.changed > 0) {
      refreshPublic('documents');
      warmQuestionnairePdf(db, saved.documentId);
    }
    return form ? redirectTo(`${page}?saved=${saved.changed}${at ? `&at=${at}#${at}` : ''}`) : NextResponse.json(saved);
  } catch (error) {
    if (form) return redirectWithAnswerError(page, error, changes, at);
    throw error;
  }
});
