// The app as `npm start` runs it, for the benchmarks that need a real server: scripts/start.mjs
// builds when the sources changed since the last build, then serves the production build
// (scripts/serve.mjs, NODE_ENV=production) on a fresh embedded database with the demo data.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');

export interface AppServer {
  url: string;
  /** Process id of scripts/start.mjs (the server is its child). */
  pid: number;
  output(): string;
  /** CPU time (user + system) the server process has used so far, in ms (Linux /proc). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface AppServerOptions {
  port: number;
  /** Under .data/, removed first: a fresh embedded database. */
  dataDir: string;
  env?: Record<string, string>;
  /** Including a build when the sources changed (default 10 min). */
  timeoutMs?: number;
}

export async function startAppServer({ port, dataDir, env = {}, timeoutMs = 600_000 }: AppServerOptions): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`;
  if (!dataDir.startsWith('.data/')) throw new Error(`the bench's data directory must be under .data/: ${dataDir}`);
  fs.rmSync(path.join(root, dataDir), { recursive: true, force: true });
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), APP_URL: url, DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that the server (start.mjs's child) can be ended with it.
    detached: true,
  });
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group has already exited.
    }
  };
  process.once('exit', killGroup);
  let log = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-20_000);
    // A build takes minutes: say so rather than sit silent.
    if (/building the app/.test(text)) console.log('  (building the app first: the sources changed since the last build)');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: AppServer = {
    url,
    pid: child.pid!,
    output: () => log,
    cpuMs: () => cpuMs(serverPid(child.pid!)),
    stop: () => stopChild(child, exited, killGroup),
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app on port ${port} exited (${child.exitCode}) during start-up:\n${log}`);
    if (await healthy(url)) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`the app on port ${port} did not become healthy within ${timeoutMs / 1000} s:\n${log}`);
}

/** The server process: start.mjs's only child. */
function serverPid(startPid: number) {
  const children = fs.readFileSync(`/proc/${startPid}/task/${startPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  if (children.length !== 1) throw new Error(`expected one server process under ${startPid}, found ${children.length}`);
  return Number(children[0]);
}

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

function cpuMs(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (in parentheses, which may hold spaces): utime and stime are 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function healthy(url: string) {
  try {
    return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>, killGroup: () => void) {
  if (child.exitCode === null && child.signalCode === null) {
    // start.mjs passes SIGTERM to the server, which flushes and exits.
    child.kill('SIGTERM');
    const timer = setTimeout(killGroup, 10_000);
    await exited;
    clearTimeout(timer);
  }
  process.off('exit', killGroup);
}
