/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

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
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
