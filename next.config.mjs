// Shared with the server's fast path for cached public files (lib/portal/public-files.ts).
import securityHeaders from './lib/http/security-headers.json' with { type: 'json' };

/** @type {import('next').NextConfig} */

const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time: PGlite reads its WebAssembly and data files from there.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  experimental: {
    authInterrupts: true,
    // The public portal's data cache lives in memory only: on disk it would outlive the
    // database it came from (a restart on a fresh database) and be shared by every server
    // started from this directory.
    isrFlushToDisk: false,
  },
  // Pages get their Content-Security-Policy from proxy.ts (a nonce per response); route
  // handlers under /api/ do not pass through the proxy, so that request bodies reach them
  // untouched, and get the file policy here.
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders.always },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: securityHeaders.filePolicy }] },
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https(,.*)?' }],
        headers: [{ key: 'Strict-Transport-Security', value: securityHeaders.hsts }],
      },
    ];
  },
};

export default nextConfig;
