// `npm test`: the checks, then every suite. The production build that the end-to-end tests serve
// is made while Vitest runs, whose tests spend much of their time waiting on a database; its
// output is shown only if it fails.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(command, args, { quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
    child.on('exit', (code, signal) => resolve({ ok: code === 0, code: code ?? (signal ? 1 : 0), output }));
  });
}

async function step(command, args) {
  const result = await run(command, args);
  if (!result.ok) process.exit(result.code);
}

await step(process.execPath, ['scripts/check-test-tools.mjs']);
await step(process.execPath, ['scripts/lint-deps.mjs']);
await step('npm', ['run', 'lint']);

const build = run(process.execPath, ['scripts/start.mjs', '--build-only'], { quiet: true });
const vitest = await run(bin('vitest'), ['run']);
const built = await build;
if (!built.ok) {
  process.stderr.write(built.output);
  console.error('test: the build failed');
}
if (!vitest.ok || !built.ok) process.exit(vitest.ok ? built.code : vitest.code);
await step(bin('playwright'), ['test']);
