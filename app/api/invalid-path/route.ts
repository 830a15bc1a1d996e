import { NextResponse } from 'next/server';

// A request whose path has a malformed percent escape is sent here by the server's entry
// (scripts/serve.mjs) as a GET, whatever its method: Next.js would answer it with a 500.
export function GET() {
  return NextResponse.json(
    { error: { code: 'invalid_path', message: 'The address has a malformed percent-encoded character.' } },
    { status: 400, headers: { 'Cache-Control': 'no-store' } },
  );
}
