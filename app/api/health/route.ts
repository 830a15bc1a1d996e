import { NextResponse } from 'next/server';
import { checkDatabase } from '@/lib/health/check';
import { errorResponse } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await checkDatabase();
    return NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    const response = errorResponse(error);
    const body = await response.json();
    return NextResponse.json({ ok: false, ...body }, { status: response.status === 500 ? 503 : response.status });
  }
}
