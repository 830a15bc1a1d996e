import { NextResponse } from 'next/server';

// A request whose path has a malformed percent escape is sent here by the server's entry
// (scripts/serve.mjs): Next.js would answer it with a 500. Other methods get 405 here.
export function GET() {
  return NextResponse.json(
    { error: { code: 'invalid_path', message: 'The address has a malformed percent-encoded character.' } },
    { status: 400, headers: { 'Cache-Control': 'no-store' } },
  );
}

