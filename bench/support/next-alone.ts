// The app alone: Next.js's own production server (`next start`), without scripts/serve.mjs in
// front of it, so without the page cache: every request for a page is a render. Used to measure
// what a render costs. The build is the one `npm start` makes (scripts/start.mjs --build-only:
// a build when the sources changed since the last one).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './app-server';

/** Builds the app when its sources changed since the last build (as `npm start` does). */
export function ensureBuild() {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--build-only'], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (/building the app/.test(result.stdout)) console.log('  (built the app first: the sources changed since the last build)');
  if (result.status !== 0) throw new Error(`the build failed (${result.status}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
}

export interface NextAlone {
  url: string;
  /** CPU time (user + system) the server process has used so far, in ms (Linux /proc). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startNextAlone({ port, dataDir, timeoutMs = 120_000 }: { port: number; dataDir: string; timeoutMs?: number }): Promise<NextAlone> {
  if (!dataDir.startsWith('.data/')) throw new Error(`the bench's data directory must be under .data/: ${dataDir}`);
  ensureBuild();
  fs.rmSync(path.join(root, dataDir), { recursive: true, force: true });
  const url = `http://127.0.0.1:${port}`;
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  // `next start` serves in its own process (no worker), so that process's CPU time is the app's.
  const child = spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', APP_URL: url, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', kill);
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start on port ${port} exited (${child.exitCode}) during start-up:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).status === 200) {
        return { url, cpuMs: () => processCpuMs(child.pid!), stop };
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start on port ${port} did not become healthy within ${timeoutMs / 1000} s:\n${log}`);
}

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

/** User + system CPU time of a process, in ms. */
function processCpuMs(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name (in parentheses, which may hold spaces), utime and stime are the 12th and 13th fields.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
