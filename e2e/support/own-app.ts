// For a spec file that runs a server of its own: started (a fresh embedded database, demo sign-in
// on) before its tests, stopped after them.
import { test } from '@playwright/test';
import { type AppProcess, startApp } from './app-process';

export function useOwnApp(port: number, env: Record<string, string> = { DEMO_SIGN_IN: '1' }): () => AppProcess {
  let app: AppProcess | undefined;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    app = await startApp({ port, env });
  });
  test.afterAll(async () => {
    await app?.stop();
  });
  return () => {
    if (!app) throw new Error(`the server on port ${port} has not started`);
    return app;
  };
}
