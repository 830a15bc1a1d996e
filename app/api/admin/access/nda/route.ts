import { type NextRequest, NextResponse } from 'next/server';
import { pageParam } from '@/components/ui/pagination';
import { listNdaVersions, publishNda } from '@/lib/access/nda';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { AppError } from '@/lib/core/errors';
import { readText, route } from '@/lib/http/route';
import { refreshPublic } from '@/lib/portal/cache';

const PAGE = '/admin/access-requests/nda';

// An NDA may run to 50,000 characters, more than readBody's 64 KB once form-encoded.
const MAX_NDA_BODY = 512 * 1024;

async function readNdaBody(request: NextRequest): Promise<{ form: boolean; data: unknown }> {
  const text = await readText(request, MAX_NDA_BODY);
  if ((request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    return { form: true, data: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { form: false, data: text ? JSON.parse(text) : {} };
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.', 400);
  }
}

export const GET = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const page = pageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  const { items, total } = await listNdaVersions(await getDatabase(), actor, { page, pageSize: 20 });
  return NextResponse.json({ versions: items, total, page });
});

/** Publishes a new NDA version {"title","body"}; earlier acceptances stay valid. */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readNdaBody(request);
  try {
    const version = await publishNda(await getDatabase(), systemClock, actor, data);
    refreshPublic('nda');
    return form ? redirectTo(`${PAGE}?published=${version.version}`) : NextResponse.json({ version }, { status: 201 });
  } catch (error) {
    if (form) return redirectWithError(PAGE, error);
    throw error;
  }
});
