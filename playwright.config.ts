import { defineConfig } from '@playwright/test';

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

const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: Boolean(process.env.CI),
  // Builds the app once and starts the shared app servers above (E2E_SERVERS=main: only the
  // main one, for a quicker run of the tests that need no other server).
  globalSetup: './e2e/support/app-servers.ts',
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
  ],
});
