// The shipped reverse-proxy configuration (deploy/nginx.conf), run by Debian's nginx in front of
// a test's app server: only the upstream address, the port and the cache directory change.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p)) ?? 'nginx';

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/** The shipped configuration, pointed at `upstreamPort` and listening on `port`. */
export function siteConfig(upstreamPort: number, port: number, cacheDir: string): string {
  const shipped = fs.readFileSync(path.join(root, 'deploy', 'nginx.conf'), 'utf8');
  const site = shipped
    .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${upstreamPort};`)
    .replace('/var/cache/nginx/trust-center', cacheDir)
    .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`);
  if (!site.includes(`127.0.0.1:${upstreamPort}`) || !site.includes(`127.0.0.1:${port}`))
    throw new Error('deploy/nginx.conf no longer has the lines this test replaces');
  return site;
}

export async function startNginx(upstreamPort: number, port: number): Promise<Nginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-center-nginx-'));
  for (const sub of ['cache', 'temp', 'logs']) fs.mkdirSync(path.join(dir, sub));
  // Run as root (as in CI), nginx's workers drop to nobody, who must be able to write these.
  fs.chmodSync(dir, 0o777);
  for (const sub of ['cache', 'temp', 'logs']) fs.chmodSync(path.join(dir, sub), 0o777);
  fs.writeFileSync(path.join(dir, 'site.conf'), siteConfig(upstreamPort, port, path.join(dir, 'cache')));
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, 'temp', name)};`;
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'logs', 'error.log')} warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  include ${path.join(dir, 'site.conf')};
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${errors}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
