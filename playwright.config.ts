import { defineConfig } from '@playwright/test';
import { FAKE_WORKOS } from './test/helpers/fake-workos/fixtures';

export const PORT = 3100;
/** A second server with demo sign-in turned off, to prove it is refused. */
export const NO_DEMO_PORT = 3101;
/** A third server with WorkOS configured, talking to the fake WorkOS below. */
export const SSO_PORT = 3102;
export const FAKE_WORKOS_PORT = 3201;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

const server = (port: number, env: Record<string, string>) => ({
  command: 'node scripts/e2e-server.mjs',
  url: `http://127.0.0.1:${port}/api/health`,
  timeout: 300_000,
  reuseExistingServer: false,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env: { PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, ...env },
});

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: 'retain-on-failure' },
  projects: [
    { name: 'api', testMatch: /\.api\.spec\.ts$/ },
    { name: 'browser', testMatch: /\.ui\.spec\.ts$/, use: { browserName: 'chromium', launchOptions: chromium } },
  ],
  webServer: [
    {
      command: 'node --import tsx test/helpers/fake-workos/main.ts',
      url: `http://127.0.0.1:${FAKE_WORKOS_PORT}/__test/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { FAKE_WORKOS_PORT: String(FAKE_WORKOS_PORT) },
    },
    server(PORT, { DATA_DIR: '.data/e2e' }),
    server(NO_DEMO_PORT, { DATA_DIR: '.data/e2e-no-demo', DEMO_SIGN_IN: '0' }),
    server(SSO_PORT, {
      DATA_DIR: '.data/e2e-sso',
      WORKOS_API_KEY: FAKE_WORKOS.apiKey,
      WORKOS_CLIENT_ID: FAKE_WORKOS.clientId,
      WORKOS_WEBHOOK_SECRET: FAKE_WORKOS.webhookSecret,
      WORKOS_API_HOSTNAME: '127.0.0.1',
      WORKOS_API_PORT: String(FAKE_WORKOS_PORT),
      WORKOS_API_HTTPS: 'false',
    }),
  ],
});
