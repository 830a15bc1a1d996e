import 'server-only';
import { config } from '@/lib/core/config';
import { processState } from '@/lib/core/process-state';
import { openDatabase, type OpenDatabase } from './open';
import type { Database } from './types';

export type { Database, Tx } from './types';
export { withActor, type DbHandle } from './with-actor';

// One per process, though Next.js loads this module in several bundles: the embedded database
// must be opened once.
const holder = processState('database', () => ({ opening: undefined as Promise<OpenDatabase> | undefined }));

export function openAppDatabase(): Promise<OpenDatabase> {
  holder.opening ??= openDatabase(config()).catch((error: unknown) => {
    holder.opening = undefined;
    throw error;
  });
  return holder.opening;
}

export async function getDatabase(): Promise<Database> {
  return (await openAppDatabase()).database;
}
