import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { setArchived } from '@/lib/documents/edit';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';

/** Takes a document off the portal; its versions are kept and it can be restored. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form } = await readBody(request);
  const page = `/admin/documents/${encodeURIComponent(id)}`;
  try {
    const document = await setArchived(await getDatabase(), systemClock, actor, id, true);
    refreshPublic('documents');
    return form ? redirectTo(`${page}?archived=1`) : NextResponse.json({ document });
  } catch (error) {
    if (form) return redirectWithError(page, error);
    throw error;
  }
});
