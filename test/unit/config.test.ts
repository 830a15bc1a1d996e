import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/core/config';

describe('configuration', () => {
  it('needs nothing to start: embedded database, port 3000, demo sign-in on', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({ databaseUrl: undefined, dataDir: '.data', port: 3000, demoSignIn: true, workosConfigured: false });
    expect(cfg.appUrl.href).toBe('http://localhost:3000/');
    expect(cfg.sessionIdleMs).toBe(5 * 60_000);
    expect(cfg.sessionMaxMs).toBe(8 * 3_600_000);
  });

  it('turns demo sign-in off once WorkOS is configured, unless DEMO_SIGN_IN=1', () => {
    const workos = { WORKOS_API_KEY: 'sk_test', WORKOS_CLIENT_ID: 'client_1' };
    expect(loadConfig(workos).demoSignIn).toBe(false);
    expect(loadConfig({ ...workos, DEMO_SIGN_IN: '1' }).demoSignIn).toBe(true);
    expect(loadConfig({ DEMO_SIGN_IN: '0' }).demoSignIn).toBe(false);
  });

  it('derives the admin URL and APP_URL, and reads the session policy', () => {
    const cfg = loadConfig({ DATABASE_URL: 'postgres://trust_app@db/trust', PORT: '8080', SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '12' });
    expect(cfg.databaseAdminUrl).toBe('postgres://trust_app@db/trust');
    expect(cfg.appUrl.href).toBe('http://localhost:8080/');
    expect(cfg.sessionIdleMs).toBe(15 * 60_000);
    expect(cfg.sessionMaxMs).toBe(12 * 3_600_000);
  });

  it('refuses bad values with a message naming them', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DEMO_SIGN_IN: 'maybe' })).toThrow(/DEMO_SIGN_IN/);
  });
});
