import 'server-only';
import { config } from '@/lib/core/config';
import { openDatabase, type OpenDatabase } from './open';
import type { Database } from './types';

export type { Database, Tx } from './types';
export { withActor, type DbHandle } from './with-actor';

// Kept on globalThis: Next.js may load this module in more than one bundle of the same process,
// and the embedded database must be opened once.
const holder = globalThis as typeof globalThis & { __trustCenterDb?: Promise<OpenDatabase> };

export function openAppDatabase(): Promise<OpenDatabase> {
  holder.__trustCenterDb ??= openDatabase(config()).catch((error: unknown) => {
    holder.__trustCenterDb = undefined;
    throw error;
  });
  return holder.__trustCenterDb;
}

export async function getDatabase(): Promise<Database> {
  return (await openAppDatabase()).database;
}
