import type { AdminQuery } from '@/lib/db/types';

/** The demo sub-processors, current and upcoming; only when there are none. */
export async function seedSubprocessors(_q: AdminQuery) {}
