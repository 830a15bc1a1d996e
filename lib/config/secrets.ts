import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '@/lib/core/config';

/**
 * SESSION_SECRET, or for the demo a secret generated once and kept under DATA_DIR
 * (`trust security audit` flags a generated secret in production).
 */
export function sessionSecret(): string {
  const { sessionSecret: fromEnv, dataDir } = config();
  if (fromEnv) return fromEnv;
  return generatedSecret(path.resolve(dataDir, 'session-secret'));
}

const generated = new Map<string, string>();

/**
 * A secret kept in `file`, made by `make` the first time: written exclusively, so concurrent
 * first starts agree on one.
 */
export function generatedSecret(file: string, make: () => string = () => randomBytes(32).toString('base64url')): string {
  const known = generated.get(file);
  if (known) return known;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, make(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  generated.set(file, secret);
  return secret;
}
