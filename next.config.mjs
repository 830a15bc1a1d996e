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
    // proxy.ts sees every request, and keeps a copy of each body for the route handler behind
    // it up to this size: above the largest upload (a 20 MB PDF in its form), so that an
    // oversized upload still reaches the handler whole enough to be refused with 413.
    proxyClientMaxBodySize: '32mb',
  },
  // Security headers are set in one place, proxy.ts, and not here.
};

export default nextConfig;
