import { NextResponse } from 'next/server';

/** A PDF for the browser to show, with its SHA-256 as the ETag. */
export function pdfResponse(content: Buffer, { filename, sha256, cacheControl }: { filename: string; sha256: string; cacheControl: string }) {
  return new NextResponse(new Uint8Array(content), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(content.length),
      'Content-Disposition': `inline; filename="${filename}"`,
      ETag: `"${sha256}"`,
      'Cache-Control': cacheControl,
    },
  });
}
