// A throwaway PostgreSQL cluster owned by one spec: initdb into a temporary directory, on a
// port of its own, so that a test may stop and start it without touching the machine's shared
// server (other tests run on that one). PostgreSQL refuses to run as root: as root, every
// command runs as the `postgres` OS user.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import postgres from 'postgres';
import { sharedSecrets } from './governance-chains';

export interface PostgresCluster {
  port: number;
  /** A URL for user on database (default: the superuser on `postgres`). */
  url(database?: string, user?: string): string;
  start(): Promise<void>;
  /** A fast shutdown: open transactions are rolled back, committed ones are on disk. */
  stop(): Promise<void>;
  /** Whether the server accepts connections (pg_isready). */
  ready(): boolean;
  /** The server's own log, for failure messages. */
  log(): string;
  /** Stops the server if it runs and removes its directory. */
  remove(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory (PG_BIN overrides), or null. */
export function postgresBinaries(): string | null {
  const candidates = process.env.PG_BIN ? [process.env.PG_BIN] : installedVersions().map((v) => `/usr/lib/postgresql/${v}/bin`);
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

function installedVersions(): string[] {
  try {
    return fs
      .readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    return [];
  }
}

/**
 * Why this machine cannot run a private cluster, or null when it can. Under CI the binaries
 * are installed (.ci/run), so there a missing one is a failure, not a reason to skip.
 */
export function clusterUnavailableReason(): string | null {
  if (!postgresBinaries()) return 'no PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin (set PG_BIN)';
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'running as root, and there is no postgres OS user to run PostgreSQL as';
  }
  return null;
}

/**
 * For a spec file that runs its own cluster: outside CI a machine without PostgreSQL's server
 * binaries skips the file, saying why (CI installs them, so there a missing binary fails the
 * test instead); the file's tests run in order.
 */
export function onPrivateCluster() {
  const unavailable = clusterUnavailableReason();
  test.skip(!process.env.CI && unavailable !== null, `a private PostgreSQL cluster is needed: ${unavailable}`);
  test.describe.configure({ mode: 'serial' });
}

/** The environment an app on a private cluster starts with. */
export type AppEnv = Record<string, string> & { DATABASE_URL: string; DATABASE_ADMIN_URL: string; AUDIT_SIGNING_KEY: string };

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[], timeoutMs = 60_000) {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: timeoutMs });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

async function portIsFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** initdb on port (trust authentication, listening on 127.0.0.1 only), started. */
export async function createCluster(port: number): Promise<PostgresCluster> {
  const reason = clusterUnavailableReason();
  if (reason) throw new Error(`cannot run a private PostgreSQL cluster: ${reason}`);
  if (!(await portIsFree(port))) throw new Error(`port ${port} is taken: a private PostgreSQL cluster needs it free`);
  const bin = postgresBinaries()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const init = run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  if (!init.ok) throw new Error(`initdb failed:\n${init.output}`);
  // The socket lives in the cluster's own directory, so no two clusters meet in /tmp.
  const settings = [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dir}'`, 'max_connections = 100'];
  fs.appendFileSync(path.join(data, 'postgresql.conf'), `\n${settings.join('\n')}\n`);

  const isReady = () => spawnSync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0;
  const log = () => {
    try {
      return fs.readFileSync(logFile, 'utf8').slice(-5_000);
    } catch {
      return '';
    }
  };
  // Not spawnSync: the test's own requests keep flowing while the server stops or starts.
  const pgCtl = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const argv = [path.join(bin, 'pg_ctl'), '-D', data, '-w', '-t', '60', ...args];
      const [command, rest] = asRoot ? ['runuser', ['-u', 'postgres', '--', ...argv]] : [argv[0], argv.slice(1)];
      execFile(command, rest, { timeout: 90_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`pg_ctl ${args[args.length - 1]} failed: ${String(error)}\n${stdout}${stderr}\n${log()}`));
        else resolve();
      });
    });
  let running = false;
  const cluster: PostgresCluster = {
    port,
    url: (database = 'postgres', user = 'postgres') => `postgres://${user}@127.0.0.1:${port}/${database}`,
    async start() {
      running = true;
      await pgCtl(['-l', logFile, 'start']);
    },
    async stop() {
      await pgCtl(['-m', 'fast', 'stop']);
      running = false;
    },
    ready: isReady,
    log,
    async remove() {
      if (running) run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** Creates database on the cluster (as its superuser). */
export async function createDatabase(cluster: PostgresCluster, database: string) {
  const sql = postgres(cluster.url(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`CREATE DATABASE ${database}`);
  } finally {
    await sql.end();
  }
}

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * A database for the app on the cluster, as docs/deployment.md sets one up: the app connects
 * as trust_app (no superuser, row-level security applies), migrations and the demo data go
 * through the superuser URL (`npm run trust -- db seed`).
 */
export async function createAppDatabase(cluster: PostgresCluster, database = 'trust') {
  await createDatabase(cluster, database);
  const env = { DATABASE_URL: cluster.url(database, 'trust_app'), DATABASE_ADMIN_URL: cluster.url(database) };
  const seed = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/trust.ts', 'db', 'seed'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 180_000,
  });
  if (seed.status !== 0) throw new Error(`db seed failed:\n${seed.stdout}${seed.stderr}`);
  return env;
}

/**
 * A new cluster on `port` with the app's database, and the environment the app starts with
 * on it: the same secrets for every instance given it, behind a trusted proxy.
 */
export async function clusterForApps(port: number): Promise<{ cluster: PostgresCluster; env: AppEnv }> {
  const cluster = await createCluster(port);
  return { cluster, env: { ...(await createAppDatabase(cluster)), ...sharedSecrets(), TRUST_PROXY: '1' } };
}
