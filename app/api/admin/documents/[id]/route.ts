import { type NextRequest, NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { updateDocument } from '@/lib/documents/edit';
import { getAdminDocument } from '@/lib/documents/list';
import { parseInput } from '@/lib/core/parse-input';
import { documentUpdate } from '@/lib/documents/schemas';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (request, { params }: Context) => {
  const actor = await requireApiTrustAdmin(request);
  return NextResponse.json(await getAdminDocument(await getDatabase(), systemClock, actor, (await params).id));
});

/** Replaces a document's title, category, description, visibility and valid-until date (all required). */
async function update(request: NextRequest, { params }: Context) {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form, data } = await readBody(request);
  const page = `/admin/documents/${encodeURIComponent(id)}`;
  try {
    const updated = await updateDocument(await getDatabase(), systemClock, actor, id, parseInput(documentUpdate, data));
    refreshPublic('documents');
    return form ? redirectTo(`${page}?saved=1`) : NextResponse.json({ document: updated });
  } catch (error) {
    if (form) return redirectWithError(page, error);
    throw error;
  }
}

export const POST = route(update);
export const PATCH = route(update);
