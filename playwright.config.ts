import { defineConfig } from '@playwright/test';
import { FAKE_WORKOS } from './test/helpers/fake-workos/fixtures';

// E2E_PORT_BASE moves every port, so that two checkouts can run their tests side by side.
const BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
export const PORT = BASE;
/** A second server with demo sign-in turned off, to prove it is refused. */
export const NO_DEMO_PORT = BASE + 1;
/** A third server with WorkOS configured, talking to the fake WorkOS below. */
export const SSO_PORT = BASE + 2;
export const FAKE_WORKOS_PORT = BASE + 101;
/** The test mail server: the main app sends its mail there; tests read it over HTTP. */
export const TEST_SMTP_PORT = BASE + 102;
export const TEST_MAILBOX_PORT = BASE + 103;
export const MAILBOX_URL = `http://127.0.0.1:${TEST_MAILBOX_PORT}`;

// E2E_SERVERS=main starts only the demo server and the mail server (a quicker run of the
// tests that need no other server).
const onlyMain = process.env.E2E_SERVERS === 'main';

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
    {
      command: 'node --import tsx test/helpers/mail-server/main.ts',
      url: `${MAILBOX_URL}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { TEST_SMTP_PORT: String(TEST_SMTP_PORT), TEST_MAILBOX_PORT: String(TEST_MAILBOX_PORT) },
    },
    // The main server believes X-Forwarded-For, as behind a proxy, so that tests can act as
    // many visitors; the no-demo server does not, and proves a forged header changes nothing.
    server(PORT, { DATA_DIR: `.data/e2e-${PORT}`, SMTP_URL: `smtp://127.0.0.1:${TEST_SMTP_PORT}`, TRUST_PROXY: '1' }),
    ...(onlyMain
      ? []
      : [
          server(NO_DEMO_PORT, { DATA_DIR: `.data/e2e-${NO_DEMO_PORT}`, DEMO_SIGN_IN: '0' }),
          server(SSO_PORT, {
            DATA_DIR: `.data/e2e-${SSO_PORT}`,
            WORKOS_API_KEY: FAKE_WORKOS.apiKey,
            WORKOS_CLIENT_ID: FAKE_WORKOS.clientId,
            WORKOS_WEBHOOK_SECRET: FAKE_WORKOS.webhookSecret,
            WORKOS_API_HOSTNAME: '127.0.0.1',
            WORKOS_API_PORT: String(FAKE_WORKOS_PORT),
            WORKOS_API_HTTPS: 'false',
          }),
        ]),
  ],
});
