import { NextResponse } from 'next/server';
import { handler } from '@/lib/api/handler';
import { checkDatabase } from '@/lib/health/check';
import { errorResponse } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

/** 200 while the database answers; otherwise the error's status (a 500 becomes a 503) with `ok: false`. */
export const GET = handler({ access: 'public', db: false }, async () => {
  try {
    await checkDatabase();
    return { json: { ok: true }, headers: { 'Cache-Control': 'no-store' } };
  } catch (error) {
    const response = errorResponse(error);
    const body = await response.json();
    return NextResponse.json({ ok: false, ...body }, { status: response.status === 500 ? 503 : response.status });
  }
});
