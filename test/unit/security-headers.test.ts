import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_POLICY, HSTS, NONCE_PLACEHOLDER, securityHeaders, servesFile } from '@/lib/http/security-headers';

const root = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [relative] : [];
  });
}

describe('security headers', () => {
  it('are set in one place: no other source file names a security header', () => {
    const names =
      /X-Frame-Options|X-Content-Type-Options|Strict-Transport-Security|Referrer-Policy|Permissions-Policy|Cross-Origin-Opener-Policy|'Content-Security-Policy'|"Content-Security-Policy"/i;
    const files = [...sourceFiles('app'), ...sourceFiles('lib'), ...sourceFiles('components'), ...sourceFiles('scripts'), 'next.config.mjs', 'proxy.ts'];
    const offenders = files.filter(
      (file) => file !== path.join('lib', 'http', 'security-headers.ts') && names.test(fs.readFileSync(path.join(root, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('give a page its nonce policy, every other path the file policy, and HSTS only over HTTPS', () => {
    const page = securityHeaders({ pathname: '/security', https: false, nonce: 'abc' });
    expect(page['Content-Security-Policy']).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(page['Content-Security-Policy']).not.toContain('unsafe-inline');
    expect(page['Strict-Transport-Security']).toBeUndefined();
    expect(page['X-Content-Type-Options']).toBe('nosniff');
    const file = securityHeaders({ pathname: '/api/health', https: true });
    expect(file['Content-Security-Policy']).toBe(FILE_POLICY);
    expect(file['Strict-Transport-Security']).toBe(HSTS);
    expect(securityHeaders({ pathname: '/logo', https: false })['Content-Security-Policy']).toMatch(/^default-src 'none'/);
    for (const p of ['/api/lockbox/requests', '/_next/static/chunks/a.js', '/documents/dpa.pdf', '/subprocessors.json', '/.well-known/security.txt'])
      expect(servesFile(p), p).toBe(true);
    for (const p of ['/', '/console', '/documents', '/admin/tenants']) expect(servesFile(p), p).toBe(false);
  });

  it('use the placeholder the shipped nginx configuration replaces', () => {
    const nginx = fs.readFileSync(path.join(root, 'deploy', 'nginx.conf'), 'utf8');
    expect(nginx.split(NONCE_PLACEHOLDER).length - 1).toBeGreaterThanOrEqual(3);
  });
});
