// An app server run by the tests: the shared servers of the global setup, and those a spec starts
// itself to change data freely, stop or kill it, or run several on one database. It serves the
// build the global setup made (scripts/serve.mjs, as in production).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface AppProcess {
  url: string;
  port: number;
  /** The server's process id (to read its memory from /proc). */
  pid: number;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Ends the server and waits for it: SIGTERM lets it finish its work, SIGKILL does not. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export interface AppProcessOptions {
  port: number;
  /** Added to the environment; without DATABASE_URL the server uses a fresh embedded database. */
  env?: Record<string, string>;
  /** A fresh embedded database directory (removed first); ignored when env has DATABASE_URL. */
  dataDir?: string;
  /** How long to wait for /api/health (default 120 s). */
  timeoutMs?: number;
}

export async function startApp({ port, env = {}, dataDir, timeoutMs = 120_000 }: AppProcessOptions): Promise<AppProcess> {
  const url = `http://127.0.0.1:${port}`;
  const dir = dataDir ?? `.data/e2e-${port}`;
  if (!env.DATABASE_URL) fs.rmSync(path.join(root, dir), { recursive: true, force: true });
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, 'scripts', 'serve.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      APP_URL: url,
      DATA_DIR: dir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const app: AppProcess = { url, port, pid: child.pid ?? 0, output: () => log, stop: (signal = 'SIGTERM') => stopChild(child, exited, signal) };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app on port ${port} exited (${child.exitCode}) during start-up:\n${log}`);
    if (await healthy(url)) return app;
    await new Promise((r) => setTimeout(r, 250));
  }
  await app.stop('SIGKILL');
  throw new Error(`the app on port ${port} did not become healthy within ${timeoutMs} ms:\n${log}`);
}

/** True when /api/health answers 200. */
export async function healthy(url: string) {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
