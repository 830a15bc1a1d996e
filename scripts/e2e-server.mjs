// The app as the end-to-end tests see it: a fresh embedded database on every run.
import fs from 'node:fs';

fs.rmSync(process.env.DATA_DIR ?? '.data/e2e', { recursive: true, force: true });
await import('./start.mjs');
