// Playwright global setup: build the app once, then start the shared app servers side by side
// (each on a fresh embedded database with the demo data). The teardown it returns stops them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fakeWorkosEnv } from '../../test/helpers/fake-workos/fixtures';
import { FAKE_WORKOS_PORT, NO_DEMO_PORT, PORT, SSO_PORT, TEST_SMTP_PORT } from '../../playwright.config';
import { startApp } from './app-process';

const root = path.resolve(import.meta.dirname, '..', '..');

export default async function appServers() {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--build-only'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`the build failed (exit ${build.status})`);

  const onlyMain = process.env.E2E_SERVERS === 'main';
  const apps = await Promise.all([
    // The main server believes X-Forwarded-For, as behind a proxy, so that tests can act as many
    // visitors; the no-demo server does not, and proves a forged header changes nothing.
    startApp({ port: PORT, env: { SMTP_URL: `smtp://127.0.0.1:${TEST_SMTP_PORT}`, TRUST_PROXY: '1' } }),
    ...(onlyMain ? [] : [startApp({ port: NO_DEMO_PORT, env: { DEMO_SIGN_IN: '0' } }), startApp({ port: SSO_PORT, env: fakeWorkosEnv(FAKE_WORKOS_PORT) })]),
  ]);
  return async () => {
    await Promise.all(apps.map((app) => app.stop()));
  };
}
