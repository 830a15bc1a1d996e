import { handler } from '@/lib/api/handler';
import { readAdminSubprocessors } from '@/lib/subprocessors/read';

/** Current, upcoming and draft changes, as the staff page shows them. */
export const GET = handler({ access: 'trust-admin' }, async (ctx) => ({ json: await readAdminSubprocessors(ctx) }));
