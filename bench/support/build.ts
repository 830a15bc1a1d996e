// The build the benchmarks measure: the one `npm start` makes (scripts/start.mjs --build-only:
// a build when the sources changed since the last one).
import { spawnSync } from 'node:child_process';
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
